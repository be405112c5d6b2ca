using System.CommandLine;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>The --db option every store command shares: a SQLite file (default winnow.db here) or "Host=…;Database=…".</summary>
internal static class DbOption
{
    /// <summary>A new --db option (System.CommandLine options belong to one command each).</summary>
    public static Option<string> Create() => new("--db")
    {
        Description = "Results database: a SQLite file path, or \"Host=…;Database=…\" for PostgreSQL.",
        DefaultValueFactory = _ => ResultStore.DefaultDatabase,
    };

    /// <summary>Opens the store the option names.</summary>
    public static Task<IResultStore> OpenAsync(ParseResult parseResult, Option<string> option, CancellationToken ct) =>
        ResultStore.OpenAsync(parseResult.GetValue(option) ?? ResultStore.DefaultDatabase, ct);
}
