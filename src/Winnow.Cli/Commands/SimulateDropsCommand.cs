using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Winnow.Simulation.Drops;

namespace Winnow.Cli.Commands;

/// <summary>`winnow simulate drops`: labelled synthetic crystallisation-drop photographs.</summary>
internal static class SimulateDropsCommand
{
    public static Command Build()
    {
        var n = new Option<int>("--n") { Description = "Number of photographs (the four classes in turn).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write drop_000001.jpg … and labels.csv into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the set: the same seed writes the same files.", DefaultValueFactory = _ => 1 };
        var backgrounds = new Option<string?>("--backgrounds") { Description = "Folder of real clear-drop photographs to draw the contents onto." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var command = new Command("drops", "Simulate crystallisation-drop photographs (Clear, Crystals, Precipitate, Other) as JPEG with labels.csv.")
        {
            n, output, seed, backgrounds, json,
        };
        command.SetAction(parseResult => CliErrors.Run(() => Run(
            parseResult.GetValue(n), parseResult.GetValue(output)!, parseResult.GetValue(seed), parseResult.GetValue(backgrounds), parseResult.GetValue(json))));
        return command;
    }

    private static int Run(int n, string output, int seed, string? backgroundDir, bool json)
    {
        if (n <= 0) throw new ArgumentException($"--n must be at least 1, not {n}.");
        if (File.Exists(output)) throw new IOException($"--out '{output}' is a file; give a folder to write the photographs into.");
        List<string>? backgrounds = null;
        if (backgroundDir is not null)
        {
            if (!Directory.Exists(backgroundDir)) throw new DirectoryNotFoundException($"--backgrounds '{backgroundDir}' does not exist; give a folder of clear-drop photographs.");
            backgrounds = Directory.EnumerateFiles(backgroundDir)
                .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                .Order().ToList();
            if (backgrounds.Count == 0) throw new FileNotFoundException($"--backgrounds '{backgroundDir}' holds no .jpg, .jpeg or .png photographs.");
        }
        var clock = Stopwatch.StartNew();
        var labels = CountingProgress.Run(json, $"simulating {n} drops", n,
            done => DropSetWriter.Write(output, n, seed, backgrounds, done is null ? null : _ => done()));
        var seconds = clock.Elapsed.TotalSeconds;
        var byClass = labels.GroupBy(l => l.Class).ToDictionary(g => g.Key.ToString(), g => g.Count());
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { output = Path.GetFullPath(output), images = n, seed, classes = byClass, backgrounds = backgrounds?.Count ?? 0, seconds, imagesPerSecond = n / seconds }, CliJson.Options));
            return 0;
        }
        var table = new Table().AddColumns("class", "images");
        foreach (var name in DropClasses.Names) table.AddRow(name, byClass.GetValueOrDefault(name).ToString());
        AnsiConsole.Write(table);
        Console.WriteLine($"{n} drop photographs (seed {seed}{(backgrounds is null ? "" : $", on {backgrounds.Count} real backgrounds")}) written to {Path.GetFullPath(output)} with labels.csv in {seconds:0.0} s ({n / seconds:0.0} images/s).");
        return 0;
    }
}
