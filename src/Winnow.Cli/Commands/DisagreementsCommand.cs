using System.CommandLine;
using Spectre.Console;
using Winnow.Pipeline.Ingest;

namespace Winnow.Cli.Commands;

/// <summary>`winnow disagreements --since 7d --export DIR`: images people labelled differently from the model, as a fine-tuning set.</summary>
internal static class DisagreementsCommand
{
    public static Command Build()
    {
        var since = new Option<string>("--since")
        {
            Description = "How far back: 7d, 12h, 30m, 2w or a date (2025-03-01).",
            DefaultValueFactory = _ => "7d",
        };
        var export = new Option<string?>("--export") { Description = "Write DIR/<humanClass>/<file> and DIR/labels.csv for fine-tuning." };
        var db = DbOption.Create();
        var command = new Command("disagreements", "List images whose latest human score differs from the latest machine score.")
        {
            since, export, db,
        };
        command.SetAction(parseResult => CliErrors.Run(() => RunAsync(
            parseResult.GetValue(since)!, parseResult.GetValue(export), parseResult, db).GetAwaiter().GetResult()));
        return command;
    }

    private static async Task<int> RunAsync(string since, string? export, ParseResult parseResult, Option<string> db)
    {
        var from = TimeWindow.Since(since, DateTimeOffset.UtcNow);
        await using var store = await DbOption.OpenAsync(parseResult, db, CancellationToken.None);
        var found = await store.GetDisagreementsAsync(from);
        if (export is null)
        {
            var table = new Table().AddColumns("image", "human", "machine", "model");
            foreach (var d in found)
                table.AddRow(Markup.Escape(d.Image.Path), Markup.Escape(d.Human.Class), Markup.Escape(d.Machine.Class), d.Machine.Scorer[..Math.Min(12, d.Machine.Scorer.Length)]);
            AnsiConsole.Write(table);
            Console.WriteLine($"{found.Count} disagreements since {from:yyyy-MM-dd HH:mm} UTC.");
            return 0;
        }
        var (exported, missing) = await DisagreementExport.WriteAsync(found, export);
        foreach (var m in missing)
            Console.Error.WriteLine($"winnow: '{m.Path}' was not exported: {m.Reason}.");
        Console.WriteLine($"{exported} of {found.Count} disagreements since {from:yyyy-MM-dd HH:mm} UTC exported to " +
            $"{Path.GetFullPath(export)} ({DisagreementExport.LabelsFile} lists them).");
        return missing.Count == 0 ? 0 : 1;
    }
}
