using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;

namespace Winnow.Cli.Commands;

/// <summary>`winnow evaluate diffraction --model W --n N --seed S`: metrics on unseen simulated shots, into the card and a PNG.</summary>
internal static class EvaluateDiffractionCommand
{
    public static Command Build()
    {
        var model = new Option<string?>("--model") { Description = "Weights file (NAME.safetensors beside NAME.card.json); the shipped default if left out." };
        var n = new Option<int>("--n") { Description = "Held-out simulated shots.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Simulator seed of the held-out set; must differ from the training seed.", DefaultValueFactory = _ => 1000 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object." };
        var command = new Command("diffraction", "Evaluate a diffraction model on held-out simulated shots: accuracy, confusion, resolution r / error.")
        {
            model, n, seed, threads, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(n) < 2) throw new ArgumentException("--n must be at least 2.");
            var weights = parse.GetValue(model) ?? ModelFiles.DefaultWeights("diffraction");
            bool asJson = parse.GetValue(json);
            var (report, plot) = Evaluate.Run(weights, parse.GetValue(n), parse.GetValue(seed), parse.GetValue(threads), line => { if (!asJson) Console.WriteLine(line); });
            var metrics = Evaluate.ToJson(report, parse.GetValue(seed));
            if (asJson)
            {
                metrics["plot"] = plot;
                metrics["bfloat16"] = ModelFiles.LoadCard(weights).Metrics["bfloat16"]?.DeepClone();
                Console.WriteLine(metrics.ToJsonString(CliJson.Options));
                return 0;
            }
            var table = new Table().AddColumns("truth \\ predicted", "blank", "single", "multi");
            for (int t = 0; t < 3; t++)
                table.AddRow(DiffractionNet.Classes[t], report.Confusion[t, 0].ToString(), report.Confusion[t, 1].ToString(), report.Confusion[t, 2].ToString());
            AnsiConsole.Write(table);
            Console.WriteLine($"single vs multi on crystal shots (resonet's task): {report.SingleVsMultiAccuracy:P1}; multi recall by misorientation: " +
                string.Join(", ", report.MultiRecallByMisorientation.Select(b => $"{b.Band} {b.Recall:P0} of {b.Shots}")));
            if (report.BySpots.Count > 0)
                Console.WriteLine("by spots found (singles called single; multis called multi): " +
                    string.Join(", ", report.BySpots.Select(b => $"{b.Band} {b.SinglesRight}/{b.Singles}; {b.MultisRight}/{b.Multis}")));
            Console.WriteLine($"{report.Shots} held-out shots: lattice accuracy {report.Accuracy:P1} (multi recall {report.MultiRecall:P1}); " +
                $"resolution r {report.PearsonR:F3}, median |error| {report.MedianAbsErrorA:F2} Å, within 10 % {report.Within10Percent:P1} ({report.ResolutionShots} shots). " +
                $"Card updated: {ModelFiles.CardPath(weights)}; plot: {plot}");
            var card = ModelFiles.LoadCard(weights);
            if (card.Metrics["bfloat16"] is { } half)
                Console.WriteLine($"bfloat16 (score --bf16): lattice accuracy {Number(half, "lattice_accuracy"):P1}, resolution r {Number(half, "resolution_pearson_r"):F3}; " +
                    $"same class as float32 for {Number(half, "class_agreement_with_float32"):P1} of shots, resolution changed by " +
                    $"{Number(half, "resolution_median_relative_change"):P2} (median) and {Number(half, "resolution_max_relative_change"):P2} at most.");
            return 0;
        }));
        return command;
    }

    static double Number(JsonNode metrics, string key) => metrics[key]!.GetValue<double>();
}
