using Microsoft.Data.Sqlite;
using Winnow.Store.Migrations;
using Winnow.Store.Sql;

namespace Winnow.Store.Sqlite;

/// <summary>The store in one SQLite file, in WAL mode so readers (status, the web gallery) do not block a scoring run.</summary>
internal sealed class SqliteResultStore(SqliteConnection connection, int schemaVersion)
    : SqlResultStore(connection, SqliteDialect.Instance, schemaVersion)
{
    /// <summary>Opens (creating when missing) the database file at <paramref name="path"/> and brings its schema up to date.</summary>
    public static async Task<SqliteResultStore> OpenAsync(string path, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The folder of the database '{full}' does not exist; create it or pass another --db.");
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, ForeignKeys = true, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
                await pragmas.ExecuteNonQueryAsync(ct);
            }
            var version = await Migrator.MigrateAsync(connection, SqliteDialect.Instance, ct);
            return new SqliteResultStore(connection, version);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new IOException($"Cannot open the SQLite database '{full}': {e.Message}. Check the file or pass another --db.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
