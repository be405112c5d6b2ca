using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Winnow.Simulation.Diffraction;

namespace Winnow.Cli.Commands;

/// <summary>`winnow simulate`: labelled synthetic data, one sub-command per job (diffraction now; drops to come).</summary>
internal static class SimulateCommand
{
    public static Command Build()
    {
        var command = new Command("simulate", "Write labelled synthetic images for training and testing.");
        command.Subcommands.Add(BuildDiffraction());
        command.Subcommands.Add(SimulateDropsCommand.Build());
        return command;
    }

    private static Command BuildDiffraction()
    {
        var n = new Option<int>("--n") { Description = "Number of shots.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write shot_000001.cbf … and labels.csv into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the set: the same seed writes the same files.", DefaultValueFactory = _ => 1 };
        var detector = new Option<string>("--detector") { Description = "pilatus6m, eiger16m, small or mixed.", DefaultValueFactory = _ => "pilatus6m" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var command = new Command("diffraction", "Simulate still X-ray diffraction shots (blank, single, multi-lattice) as miniCBF with labels.csv.")
        {
            n, output, seed, detector, json,
        };
        command.SetAction(parseResult => CliErrors.Run(() => RunDiffraction(
            parseResult.GetValue(n), parseResult.GetValue(output)!, parseResult.GetValue(seed), parseResult.GetValue(detector)!, parseResult.GetValue(json))));
        return command;
    }

    private static DetectorChoice ParseDetector(string name) => name switch
    {
        "pilatus6m" => DetectorChoice.Pilatus6M,
        "eiger16m" => DetectorChoice.Eiger16M,
        "small" => DetectorChoice.Small,
        "mixed" => DetectorChoice.Mixed,
        _ => throw new ArgumentException($"--detector '{name}' is not known; use pilatus6m, eiger16m, small or mixed."),
    };

    private static int RunDiffraction(int n, string output, int seed, string detectorName, bool json)
    {
        if (n <= 0)
            throw new ArgumentException($"--n must be at least 1, not {n}.");
        var detector = ParseDetector(detectorName);
        if (File.Exists(output))
            throw new IOException($"--out '{output}' is a file; give a folder to write the shots into.");
        var clock = Stopwatch.StartNew();
        var records = CountingProgress.Run(json, $"simulating {n} shots", n,
            done => DiffractionSetWriter.Write(output, n, seed, detector, progress: done is null ? null : _ => done()));
        double seconds = clock.Elapsed.TotalSeconds;
        var byClass = records.GroupBy(r => r.Label.Class).ToDictionary(g => g.Key, g => g.Count());
        var resolutions = records.Select(r => r.Label.ResolutionA).Where(d => !double.IsNaN(d)).Order().ToArray();
        double Quantile(double q) => resolutions.Length == 0 ? double.NaN : resolutions[(int)Math.Min(resolutions.Length - 1, q * resolutions.Length)];

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                output = Path.GetFullPath(output), shots = n, seed, detector = detectorName,
                blank = byClass.GetValueOrDefault(ShotClass.Blank), single = byClass.GetValueOrDefault(ShotClass.Single), multi = byClass.GetValueOrDefault(ShotClass.Multi),
                resolutionMedianA = double.IsNaN(Quantile(0.5)) ? (double?)null : Quantile(0.5),
                seconds, shotsPerSecond = n / seconds,
            }, CliJson.Options));
            return 0;
        }
        var table = new Table().AddColumns("class", "shots", "resolution (Å) 10 % / median / 90 %");
        foreach (var cls in new[] { ShotClass.Blank, ShotClass.Single, ShotClass.Multi })
        {
            var d = records.Where(r => r.Label.Class == cls).Select(r => r.Label.ResolutionA).Where(x => !double.IsNaN(x)).Order().ToArray();
            string range = d.Length == 0 ? "–" : $"{d[(int)(0.1 * d.Length)]:0.00} / {d[d.Length / 2]:0.00} / {d[Math.Min(d.Length - 1, (int)(0.9 * d.Length))]:0.00}";
            table.AddRow(cls.ToString().ToLowerInvariant(), byClass.GetValueOrDefault(cls).ToString(), range);
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"{n} {detectorName} shots (seed {seed}) written to {Path.GetFullPath(output)} with labels.csv in {seconds:0.0} s ({n / seconds:0.0} shots/s).");
        return 0;
    }
}
