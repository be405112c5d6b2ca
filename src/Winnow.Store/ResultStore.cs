using Winnow.Store.Postgres;
using Winnow.Store.Sqlite;

namespace Winnow.Store;

/// <summary>Opens the results store a --db value names: a file path for SQLite, or "Host=…;Database=…" for PostgreSQL.</summary>
public static class ResultStore
{
    /// <summary>The --db value when none is given: winnow.db in the current folder.</summary>
    public const string DefaultDatabase = "winnow.db";

    /// <summary>Opens the store and brings its schema up to date (creating the SQLite file when missing).</summary>
    public static async Task<IResultStore> OpenAsync(string database, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(database))
            throw new ArgumentException("The --db value is empty; give a file path (winnow.db) or \"Host=…;Database=…\".");
        if (IsPostgres(database))
            return await PostgresResultStore.OpenAsync(database, ct);
        return await SqliteResultStore.OpenAsync(SqlitePath(database), ct);
    }

    /// <summary>True when the value is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsPostgres(string database) =>
        database.Contains('=') && database.Split(';').Any(part =>
            part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            || part.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));

    // "Data Source=x.db" is accepted as well as a bare path.
    private static string SqlitePath(string database)
    {
        const string prefix = "Data Source=";
        var trimmed = database.Trim();
        return trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? trimmed[prefix.Length..].TrimEnd(';') : trimmed;
    }
}
