using System.Data.Common;
using Winnow.Store.Sql;

namespace Winnow.Store.Migrations;

/// <summary>Brings a database to the newest schema: applies, in one transaction, every numbered script not yet in schema_version.</summary>
internal static class Migrator
{
    /// <summary>Applies what is missing and returns the version the database is now at.</summary>
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, CancellationToken ct = default)
    {
        var scripts = MigrationScript.For(dialect.Engine);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (dialect.MigrationLock is { } lockStatement)
            await Execute(connection, tx, lockStatement, ct);
        await Execute(connection, tx, $"""
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  {dialect.TimeColumnType} NOT NULL)
            """, ct);

        var applied = new HashSet<int>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT version FROM schema_version";
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                applied.Add(Convert.ToInt32(reader.GetValue(0)));
        }
        var newest = scripts.Count;
        if (applied.Count > 0 && applied.Max() > newest)
            throw new InvalidDataException(
                $"The database is at schema version {applied.Max()} but this Winnow knows only up to {newest}; use a newer Winnow with it.");

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await Execute(connection, tx, script.Sql, ct);
            await using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)";
            Add(record, "@version", script.Version);
            Add(record, "@name", script.Name);
            Add(record, "@at", dialect.Time(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return newest;
    }

    private static async Task Execute(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
