using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>`winnow ingest FOLDER --job drops`: registers a folder's images, grouped into inspections by their layout.</summary>
internal static class IngestCommand
{
    public static Command Build()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of images (read only: nothing is written into it)." };
        var job = new Option<string>("--job") { Description = "What the images are: drops, diffraction, classes or squares.", Required = true };
        var db = DbOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("ingest", "Register a folder's images and group them into inspections (re-ingest is a no-op).")
        {
            folder, job, db, json,
        };
        command.SetAction(parseResult => CliErrors.Run(() => RunAsync(
            parseResult.GetValue(folder)!, parseResult.GetValue(job)!, parseResult, db, parseResult.GetValue(json)).GetAwaiter().GetResult()));
        return command;
    }

    private static async Task<int> RunAsync(string folder, string jobName, ParseResult parseResult, Option<string> db, bool json)
    {
        if (!JobNames.TryParse(jobName, out var job))
            throw new ArgumentException($"--job '{jobName}' is not a job; use drops, diffraction, classes or squares.");
        await using var store = await DbOption.OpenAsync(parseResult, db, CancellationToken.None);
        var ingester = new Ingester(store);
        IngestReport report;
        if (json || Console.IsOutputRedirected)
        {
            report = await ingester.IngestAsync(folder, job);
        }
        else
        {
            report = await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"hashing {job.Name()} images");
                task.IsIndeterminate = true;
                return await ingester.IngestAsync(folder, job, new Progress<int>(n => task.Description = $"hashed {n} images"));
            });
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                found = report.ImagesFound,
                added = report.ImagesAdded,
                known = report.ImagesKnown,
                ignored = report.Ignored,
                inspections = report.Inspections.Select(i => new { i.Id, i.Name, i.Layout, i.Images, i.Added }),
                unreadable = report.Unreadable.Select(u => new { u.Path, u.Reason }),
            }, CliJson.Options));
            return report.Unreadable.Count == 0 ? 0 : 1;
        }
        var table = new Table().AddColumns("inspection", "layout", "images", "new");
        foreach (var i in report.Inspections)
            table.AddRow(Markup.Escape(i.Name), i.Layout, i.Images.ToString(), i.Added.ToString());
        AnsiConsole.Write(table);
        foreach (var u in report.Unreadable)
            Console.Error.WriteLine($"winnow: cannot read '{u.Path}': {u.Reason}");
        Console.WriteLine(
            $"{report.ImagesFound} {job.Name()} images in {report.Inspections.Count} inspections: {report.ImagesAdded} new, " +
            $"{report.ImagesKnown} already known, {report.Unreadable.Count} unreadable, {report.Ignored} other files ignored.");
        return report.Unreadable.Count == 0 ? 0 : 1;
    }
}
