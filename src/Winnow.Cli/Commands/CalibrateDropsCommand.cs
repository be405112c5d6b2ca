using System.CommandLine;
using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow calibrate drops --tta dihedral8`: sets how a drops model views each image and re-tunes the crystal and
/// clear thresholds on the simulated validation set (seed + 1) scored that way, without retraining.
/// </summary>
internal static class CalibrateDropsCommand
{
    public static Command Build()
    {
        var model = new Option<string?>("--model") { Description = "Weights file (NAME.safetensors beside NAME.card.json); the shipped default if left out." };
        var tta = new Option<string>("--tta") { Description = "Test-time augmentation: none, or dihedral8 (probabilities averaged over the 4 quarter-turns and their mirror images; 8x the network time).", DefaultValueFactory = _ => TestTimeViews.Dihedral8 };
        tta.AcceptOnlyFromAmong(TestTimeViews.None, TestTimeViews.Dihedral8);
        var val = new Option<int>("--val") { Description = "Simulated validation images to tune the thresholds on.", DefaultValueFactory = _ => DropsTrainingOptions.DefaultValidationImages };
        var seed = new Option<int>("--seed") { Description = "Training seed of the model: validation images come from seed+1 (never the test seed, seed+2).", DefaultValueFactory = _ => 1 };
        var tpr = new Option<double>("--tpr") { Description = "True-positive rate the crystal and clear thresholds must keep on the validation images.", DefaultValueFactory = _ => 0.8 };
        var classWeights = new Option<bool>("--class-weights") { Description = "Also fit per-class weights of the decision (class = largest weight × p) on the validation images; without it the card's class weights are reset to plain argmax." };
        var tiles = new Option<int?>("--tiles") { Description = "Also read each photograph in N × N tiles of the well at 2× (3 for a model trained with `train drops --tiles`; 0: the whole only) and fit the combiner of the whole's and the tiles' probabilities on the validation images. Default: as the card has it." };
        var precision = new Option<string?>("--precision") { Description = "What the network computes in, here and whenever the model scores: float32, or bfloat16 (about half the time on CPUs with AVX-512 BF16 or AMX). Default: as the card has it." };
        precision.AcceptOnlyFromAmong("float32", "bfloat16");
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch.", DefaultValueFactory = _ => 1 };
        var cache = DropsCacheOption.Create();
        var command = new Command("drops", "Set a drops model's test-time augmentation and re-tune its crystal and clear thresholds on simulated validation images scored the same way.")
        {
            model, tta, val, seed, tpr, classWeights, tiles, precision, threads, cache,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            Winnow.Torch.torch.SetNumThreads(Math.Max(1, r.GetValue(threads)));
            var weights = ModelLocator.Resolve(r.GetValue(model));
            var (n, s, target, views, fit) = (r.GetValue(val), r.GetValue(seed), r.GetValue(tpr), r.GetValue(tta)!, r.GetValue(classWeights));
            if (n < 8) throw new ArgumentException("--val must be at least 8 (the thresholds need crystal and clear images to tune on).");
            var card = ModelFiles.LoadCard(weights);
            var grid = r.GetValue(tiles) ?? card.Tiles?.Grid ?? 0;
            var reading = grid > 0 ? new TileReading { Grid = grid } : null;
            if (reading is not null && card.InputFraming() != InputCrop.Well)
                throw new ArgumentException($"{weights}: --tiles cuts tiles from the well, but this model is framed '{card.Input.Crop}'.");
            var side = reading?.DecodedSide(card.Input.Width) ?? card.Input.Width;
            var validation = DropImageSet.SimulateCached(r.GetValue(cache)!, s + 1, n, side, Environment.ProcessorCount, crop: card.InputFraming());
            var inference = r.GetValue(precision) ?? card.InferencePrecision ?? "float32";
            BFloat16Warning.BeforeRun(TrainingPrecisionOption.Parse(inference), $"{card.Name} scores the validation photographs");
            var report = DropsCalibrate.Run(weights, validation, $"simulated validation seed {s + 1} × {n}", views, reading, target, fit,
                $"winnow calibrate drops --tta {views}{(grid > 0 ? $" --tiles {grid}" : "")} --val {n} --seed {s} --tpr {target}{(fit ? " --class-weights" : "")}{(inference == "float32" ? "" : $" --precision {inference}")}", inference);
            Console.WriteLine($"test-time augmentation {views}, network in {inference}; thresholds tuned on {n} validation images (seed {s + 1}): " +
                string.Join(", ", report.Thresholds.Select(t => $"{t.Key} {t.Value:0.000} (TPR {report.Validation.AtThreshold[t.Key].TruePositiveRate:0.00}, FPR {report.Validation.AtThreshold[t.Key].FalsePositiveRate:0.000})")) +
                (report.ClassWeights.Count == 0 ? "; plain argmax" : $"; class weights {string.Join(", ", report.ClassWeights.Select(w => $"{w.Key} {w.Value:0.00}"))} (validation accuracy with plain argmax {100 * report.ArgmaxAccuracy:0.0} %)") +
                (report.Tiles is { } t ? $"; {grid} × {grid} tiles combined (validation accuracy of the whole alone {100 * t.WholeAccuracy:0.0} %, combiner's 5-fold cross-validated {100 * t.CrossValidated:0.0} %)" : "") +
                $"; validation accuracy {100 * report.Validation.Accuracy:0.0} %. Card updated: {ModelFiles.CardPath(weights)}. Held-out figures: winnow evaluate drops.");
            return 0;
        }));
        return command;
    }
}
