using System.CommandLine;

namespace Winnow.Cli.Commands;

/// <summary>`winnow import-scores CSV`: records human scores (columns image, class, scorer, time) beside the machine ones.</summary>
internal static class ImportScoresCommand
{
    public static Command Build()
    {
        var csv = new Argument<string>("csv") { Description = "CSV with the header image,class,scorer,time; image is a path or a SHA-256." };
        var db = DbOption.Create();
        var command = new Command("import-scores", "Record human scores from a CSV; bad rows are reported by line and skipped.") { csv, db };
        command.SetAction(parseResult => CliErrors.Run(() => RunAsync(parseResult.GetValue(csv)!, parseResult, db).GetAwaiter().GetResult()));
        return command;
    }

    private static async Task<int> RunAsync(string csv, ParseResult parseResult, Option<string> db)
    {
        await using var store = await DbOption.OpenAsync(parseResult, db, CancellationToken.None);
        var report = await new Winnow.Pipeline.Ingest.ScoreImporter(store).ImportAsync(csv);
        foreach (var error in report.Errors)
            Console.Error.WriteLine($"winnow: {error}");
        Console.WriteLine($"{report.Added} human scores added, {report.AlreadyThere} already there, {report.Errors.Count} rows skipped ({report.File}).");
        return report.Errors.Count == 0 ? 0 : 1;
    }
}
