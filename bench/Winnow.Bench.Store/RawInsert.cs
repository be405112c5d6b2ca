using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Winnow.Store;

namespace Winnow.Bench.Store;

/// <summary>The reference: the plainest bulk insert of the same rows, straight into the score table, no store in between.</summary>
internal static class RawInsert
{
    /// <summary>SQLite: one prepared INSERT in one transaction.</summary>
    public static void Sqlite(string path, IReadOnlyList<NewScore> scores)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO score (image_id, scorer_kind, scorer, class, probabilities, value, scored_at)
            VALUES ($image, 'machine', $scorer, $class, $probabilities, $value, $at)
            """;
        var image = insert.Parameters.Add("$image", SqliteType.Integer);
        var scorer = insert.Parameters.Add("$scorer", SqliteType.Text);
        var @class = insert.Parameters.Add("$class", SqliteType.Text);
        var probabilities = insert.Parameters.Add("$probabilities", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Real);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        insert.Prepare();
        foreach (var s in scores)
        {
            image.Value = s.ImageId;
            scorer.Value = s.Scorer;
            @class.Value = s.Class;
            probabilities.Value = System.Text.Json.JsonSerializer.Serialize(s.Probabilities);
            value.Value = s.Value!.Value;
            at.Value = s.ScoredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>PostgreSQL: binary COPY straight into score.</summary>
    public static void Postgres(string connectionString, IReadOnlyList<NewScore> scores)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var tx = connection.BeginTransaction();
        using (var writer = connection.BeginBinaryImport(
            "COPY score (image_id, scorer_kind, scorer, class, probabilities, value, scored_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in scores)
            {
                writer.StartRow();
                writer.Write(s.ImageId, NpgsqlDbType.Bigint);
                writer.Write("machine", NpgsqlDbType.Text);
                writer.Write(s.Scorer, NpgsqlDbType.Text);
                writer.Write(s.Class, NpgsqlDbType.Text);
                writer.Write(System.Text.Json.JsonSerializer.Serialize(s.Probabilities), NpgsqlDbType.Jsonb);
                writer.Write(s.Value!.Value, NpgsqlDbType.Double);
                writer.Write(s.ScoredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            writer.Complete();
        }
        tx.Commit();
    }
}
