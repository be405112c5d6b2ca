using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using Winnow.Store.Migrations;
using Winnow.Store.Sql;

namespace Winnow.Store.Postgres;

/// <summary>The store on a PostgreSQL server; machine scores arrive by binary COPY.</summary>
internal sealed class PostgresResultStore(NpgsqlConnection connection, int schemaVersion)
    : SqlResultStore(connection, PostgresDialect.Instance, schemaVersion)
{
    private bool _stagingTableMade;

    /// <summary>Connects with an Npgsql connection string ("Host=…;Database=…") and brings the schema up to date.</summary>
    public static async Task<PostgresResultStore> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The --db connection string is not one PostgreSQL understands ({e.Message}); write it as \"Host=…;Database=…\".", e);
        }
        try
        {
            await connection.OpenAsync(ct);
            var version = await Migrator.MigrateAsync(connection, PostgresDialect.Instance, ct);
            return new PostgresResultStore(connection, version);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            var where = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
            throw new IOException($"Cannot use the PostgreSQL database '{where}': {e.Message}. Check the server, Host, Port, Database and credentials in --db.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// COPY cannot skip rows that break a unique index, so the rows go by binary COPY into a session-local staging
    /// table and from there into score with ON CONFLICT DO NOTHING, all in one transaction.
    /// </summary>
    protected override async Task<int> BulkInsertScoresAsync(IReadOnlyList<NewScore> scores, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)Connection;
        await using var tx = await npgsql.BeginTransactionAsync(ct);
        if (!_stagingTableMade)
        {
            await using var create = new NpgsqlCommand("""
                CREATE TEMP TABLE IF NOT EXISTS score_in (
                    image_id bigint, scorer_kind text, scorer text, class text, probabilities jsonb,
                    value double precision, scored_at timestamptz, run_id bigint) ON COMMIT DELETE ROWS
                """, npgsql, tx);
            await create.ExecuteNonQueryAsync(ct);
        }
        await using (var writer = await npgsql.BeginBinaryImportAsync(
            "COPY score_in (image_id, scorer_kind, scorer, class, probabilities, value, scored_at, run_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var score in scores)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(score.ImageId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync("machine", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(score.Scorer, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(score.Class, NpgsqlDbType.Text, ct);
                await WriteOrNull(writer, Probabilities.Json(score.Probabilities), NpgsqlDbType.Jsonb, ct);
                await WriteOrNull(writer, score.Value, NpgsqlDbType.Double, ct);
                await writer.WriteAsync(score.ScoredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await WriteOrNull(writer, score.RunId, NpgsqlDbType.Bigint, ct);
            }
            await writer.CompleteAsync(ct);
        }
        // DISTINCT ON keeps a batch that scores an image twice with one model from tripping the unique index twice.
        await using var move = new NpgsqlCommand("""
            INSERT INTO score (image_id, scorer_kind, scorer, class, probabilities, value, scored_at, run_id)
            SELECT DISTINCT ON (image_id, scorer) image_id, scorer_kind, scorer, class, probabilities, value, scored_at, run_id
            FROM score_in ORDER BY image_id, scorer
            ON CONFLICT DO NOTHING
            """, npgsql, tx);
        var added = await move.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        _stagingTableMade = true; // only now: a rolled-back transaction takes the new temp table with it
        return added;
    }

    private static async Task WriteOrNull<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
            await writer.WriteNullAsync(ct);
        else
            await writer.WriteAsync(value, type, ct);
    }
}
