using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow evaluate drops`: the model on the held-out simulated test set (accuracy, confusion matrix, ROC PNG, the
/// flags' rates), the texture-feature baseline trained on the same training set and tested on the same test set,
/// and the real photographs: predictions for the labelled ones and the class distribution of the unlabelled ones.
/// </summary>
internal static class EvaluateDropsCommand
{
    public static Command Build()
    {
        var model = new Option<string?>("--model") { Description = "Weights file or imported model id (default: the shipped model)." };
        var train = new Option<int>("--train") { Description = "Simulated training images for the baseline (the model's training set).", DefaultValueFactory = _ => DropsTrainingOptions.DefaultTrainImages };
        var start = new Option<int>("--start") { Description = "First training photograph of the seed for the baseline (as given to train drops --start).", DefaultValueFactory = _ => 0 };
        var val = new Option<int>("--val") { Description = "Simulated validation images (baseline thresholds).", DefaultValueFactory = _ => DropsTrainingOptions.DefaultValidationImages };
        var test = new Option<int>("--test") { Description = "Simulated held-out test images.", DefaultValueFactory = _ => DropsTrainingOptions.DefaultTestImages };
        var seed = new Option<int>("--seed") { Description = "Training seed of the model: test images come from seed+2, validation from seed+1.", DefaultValueFactory = _ => 1 };
        var real = new Option<string?>("--real") { Description = "Folder of real drop photographs to score (e.g. ../shared/data/drops)." };
        var reference = new Option<string?>("--reference") { Description = "reference.json holding 'label' for some of the real photographs (keys drops/NAME)." };
        var output = new Option<string>("--report") { Description = "Folder for roc.png and report.json.", DefaultValueFactory = _ => "drops-evaluation" };
        var updateCard = new Option<bool>("--update-card") { Description = "Write the metrics and real-photograph results into the model card." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch.", DefaultValueFactory = _ => 1 };
        var cache = DropsCacheOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("drops", "Evaluate a drops model: synthetic held-out metrics, ROC curves, baseline, real photographs.")
        {
            model, start, train, val, test, seed, real, reference, output, updateCard, threads, cache, json,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            Winnow.Torch.torch.SetNumThreads(Math.Max(1, r.GetValue(threads)));
            return Run(r.GetValue(model), r.GetValue(start), r.GetValue(train), r.GetValue(val), r.GetValue(test), r.GetValue(seed), r.GetValue(real), r.GetValue(reference), r.GetValue(output)!, r.GetValue(updateCard), r.GetValue(cache)!, r.GetValue(json));
        }));
        return command;
    }

    private static int Run(string? modelArg, int trainStart, int nTrain, int nVal, int nTest, int seed, string? realDir, string? referencePath, string reportDir, bool updateCard, string cache, bool json)
    {
        var weights = ModelLocator.Resolve(modelArg);
        Directory.CreateDirectory(reportDir);
        var card = ModelFiles.LoadCard(weights);
        var size = card.Input.Width;
        var crop = card.InputFraming();
        var workers = Environment.ProcessorCount;
        // One scorer for the test set and the real photographs: the network is loaded (and BatchNorm folded) once.
        using var scorer = DropsScorer.Open(weights);
        // A model that reads tiles takes the test photographs decoded at its magnified side; the baseline at the input side.
        var testSet = DropImageSet.SimulateCached(cache, seed + 2, nTest, scorer.DecodedSide, workers, crop: crop);
        var modelProbabilities = scorer.Probabilities(testSet);
        var baselineTestSet = scorer.DecodedSide == size ? testSet : DropImageSet.SimulateCached(cache, seed + 2, nTest, size, workers, crop: crop);
        var evaluation = DropsEvaluate.Evaluate(modelProbabilities, testSet.Labels, card.Thresholds, ClassDecision.WeightsOf(card));

        // Baseline: same training images, thresholds tuned on the same validation images, same test images.
        var trainSet = DropImageSet.SimulateCached(cache, seed, nTrain, size, workers, start: trainStart, crop: crop);
        var valSet = DropImageSet.SimulateCached(cache, seed + 1, nVal, size, workers, crop: crop);
        var baseline = DropsBaseline.Fit(trainSet);
        var targetTpr = card.Training["target_tpr"]?.GetValue<double>() ?? 0.8;
        var baselineThresholds = Thresholds.Tune(baseline.Predict(valSet), valSet.Labels, DropClasses.Names, targetTpr);
        var baselineEvaluation = DropsEvaluate.Evaluate(baseline.Predict(baselineTestSet), baselineTestSet.Labels, baselineThresholds);

        var rocPath = Path.Combine(reportDir, "roc.png");
        RocPlot.Write(rocPath, Thresholds.Flags.Keys.Select(cls => (cls, (IReadOnlyList<(string, IReadOnlyList<RocPoint>, RocPoint?)>)new List<(string, IReadOnlyList<RocPoint>, RocPoint?)>
        {
            ($"model, AUC {evaluation.Auc[cls]:0.000}", evaluation.Roc[cls], evaluation.AtThreshold[cls]),
            ($"baseline, AUC {baselineEvaluation.Auc[cls]:0.000}", baselineEvaluation.Roc[cls], baselineEvaluation.AtThreshold[cls]),
        })).ToList());

        var realReport = realDir is null ? null : RealPhotographs(scorer, realDir, referencePath);
        var report = new JsonObject
        {
            ["model"] = card.Id,
            ["name"] = card.Name,
            ["synthetic_test"] = evaluation.ToJson(),
            ["baseline_synthetic_test"] = baselineEvaluation.ToJson(),
            ["roc_png"] = Path.GetFullPath(rocPath),
            ["real"] = realReport,
        };
        File.WriteAllText(Path.Combine(reportDir, "report.json"), report.ToJsonString(CliJson.Options));
        if (updateCard)
        {
            card.Metrics["synthetic_test"] = evaluation.ToJson();
            card.Metrics["baseline_synthetic_test"] = baselineEvaluation.ToJson();
            if (realReport is not null) card.Metrics["real_photographs"] = realReport.DeepClone();
            card.Notes = card.Notes.Where(n => !n.StartsWith("Real photographs", StringComparison.Ordinal)).ToList();
            if (realReport is not null) card.Notes.Add(RealNote(realReport));
            card.Save(ModelFiles.CardPath(weights));
        }
        if (json)
        {
            Console.WriteLine(report.ToJsonString(CliJson.Options));
            return 0;
        }
        DropsReport.WriteConfusion(evaluation, "model: true \\ predicted");
        DropsReport.WriteConfusion(baselineEvaluation, "baseline: true \\ predicted");
        Console.WriteLine($"held-out synthetic accuracy: model {100 * evaluation.Accuracy:0.0} %, texture baseline {100 * baselineEvaluation.Accuracy:0.0} % ({testSet.Count} images); ROC curves (left crystal, right clear; red model, blue baseline, dots at the thresholds) in {Path.GetFullPath(rocPath)}");
        if (realReport is not null) Console.WriteLine(RealNote(realReport));
        return 0;
    }

    /// <summary>Scores every photograph of the folder; labelled ones (reference.json) individually, the rest as a class count.</summary>
    private static JsonObject RealPhotographs(DropsScorer scorer, string dir, string? referencePath)
    {
        var files = Directory.EnumerateFiles(dir).Where(DropImageSet.IsImage).Order().ToList();
        var labels = new Dictionary<string, string>();
        if (referencePath is not null)
        {
            var root = JsonNode.Parse(File.ReadAllText(referencePath))!.AsObject();
            foreach (var (key, value) in root)
                if (key.StartsWith("drops/", StringComparison.Ordinal) && value?["label"]?.GetValue<string>() is { } label && label != "unlabelled")
                    labels[key["drops/".Length..]] = label;
        }
        var scores = scorer.Score(files);
        var labelled = new JsonArray();
        var distribution = DropClasses.Names.ToDictionary(n => n, _ => 0);
        var correct = 0;
        var flagged = 0;
        // An unreadable photograph is named (stderr, so --json output stays one document) and left out; the rest count.
        foreach (var s in scores.Where(s => !s.Ok)) Console.Error.WriteLine($"winnow: {s.Error}");
        foreach (var s in scores.Where(s => s.Ok))
        {
            var name = Path.GetFileName(s.File);
            if (labels.TryGetValue(name, out var truth))
            {
                if (truth == s.Class) correct++;
                labelled.Add(new JsonObject { ["file"] = name, ["label"] = truth, ["predicted"] = s.Class, ["p"] = Math.Round(s.Probabilities[s.Class!], 3), ["crystal_flag"] = s.Flags.GetValueOrDefault("crystal") });
            }
            else
            {
                distribution[s.Class!]++;
                if (s.Flags.GetValueOrDefault("crystal")) flagged++;
            }
        }
        var unlabelled = new JsonObject();
        foreach (var (k, v) in distribution) unlabelled[k] = v;
        return new JsonObject
        {
            ["folder"] = Path.GetFullPath(dir),
            ["labelled"] = labelled,
            ["labelled_correct"] = correct,
            ["labelled_count"] = labelled.Count,
            ["unlabelled_distribution"] = unlabelled,
            ["unlabelled_crystal_flags"] = flagged,
            ["unreadable"] = scores.Count(s => !s.Ok),
        };
    }

    private static string RealNote(JsonObject real)
    {
        var dist = real["unlabelled_distribution"]!.AsObject();
        var total = dist.Sum(kv => kv.Value!.GetValue<int>());
        return $"Real photographs ({real["folder"]}): {real["labelled_correct"]} of {real["labelled_count"]} labelled ones (MARCO GSK and high-resolution crystal examples) classified correctly; " +
            $"the {total} unlabelled photographs (Formulatrix 90j8 plate, no labels) came out as {string.Join(", ", dist.Select(kv => $"{kv.Key} {kv.Value}"))}, with {real["unlabelled_crystal_flags"]} crystal flags. " +
            "Trained on simulated images only; expect to fine-tune on local labels (`winnow train drops --from-folder`) before trusting it on a new imager.";
    }
}
