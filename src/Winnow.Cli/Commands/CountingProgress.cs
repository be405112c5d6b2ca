using Spectre.Console;

namespace Winnow.Cli.Commands;

/// <summary>
/// One progress bar that counts finished items, drawn only where a person watches a terminal: --json output and
/// redirected output stay free of bar drawing.
/// </summary>
internal static class CountingProgress
{
    /// <summary>Runs <paramref name="work"/>, handing it a callback to call once per finished item (null when quiet).</summary>
    public static T Run<T>(bool quiet, string title, int total, Func<Action?, T> work)
    {
        if (quiet || Console.IsOutputRedirected)
            return work(null);
        return AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask(title, maxValue: total);
            return work(() => task.Increment(1));
        });
    }
}
