using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>`winnow status`: inspections, images scored/unscored/failed, images per class, last runs.</summary>
internal static class StatusCommand
{
    public static Command Build()
    {
        var db = DbOption.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: images, scored, unscored, failed, classes, runs." };
        var command = new Command("status", "Show what the results store holds.") { db, json };
        command.SetAction(parseResult => CliErrors.Run(() => RunAsync(parseResult, db, parseResult.GetValue(json)).GetAwaiter().GetResult()));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Option<string> db, bool json)
    {
        await using var store = await DbOption.OpenAsync(parseResult, db, CancellationToken.None);
        var s = await store.GetSummaryAsync(recentRuns: 5);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                engine = store.Engine,
                inspections = s.Inspections,
                images = s.Images,
                scored = s.Scored,
                unscored = s.Unscored,
                failed = s.Failed,
                classes = s.Classes,
                runs = s.Runs.Select(r => new
                {
                    r.Id,
                    r.Kind,
                    job = r.Job?.Name(),
                    r.ModelId,
                    state = r.State.ToString().ToLowerInvariant(),
                    r.ImagesDone,
                    r.ImagesFailed,
                    r.Message,
                    r.StartedAt,
                    r.FinishedAt,
                }),
            }, CliJson.Options));
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{s.Inspections}[/] inspections, [bold]{s.Images}[/] images: " +
            $"{s.Scored} scored, {s.Unscored} unscored, {s.Failed} failed ({store.Engine}).");
        if (s.Classes.Count > 0)
        {
            var classes = new Table().AddColumns("class", "images");
            foreach (var (name, count) in s.Classes)
                classes.AddRow(Markup.Escape(name), count.ToString());
            AnsiConsole.Write(classes);
        }
        if (s.Runs.Count > 0)
        {
            var runs = new Table().AddColumns("run", "kind", "job", "state", "images", "failed", "started (UTC)", "message");
            foreach (var r in s.Runs)
            {
                runs.AddRow(r.Id.ToString(), r.Kind, r.Job?.Name() ?? "", r.State.ToString().ToLowerInvariant(), r.ImagesDone.ToString(),
                    r.ImagesFailed.ToString(), r.StartedAt.ToString("yyyy-MM-dd HH:mm"), Markup.Escape(r.Message ?? ""));
            }
            AnsiConsole.Write(runs);
        }
        return 0;
    }
}
