using Winnow.Store;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.Torch;
using Winnow.Torch.nn;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow train drops`: the default model from simulated photographs (train, validation and test sets from three
/// seeds, thresholds tuned on validation, metrics on test), or `--from-folder ROOT` fine-tuning of an existing model
/// on a lab's labelled photographs with a held-out split and a before/after report.
/// </summary>
internal static class TrainDropsCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Weights file to write (NAME.safetensors; the card goes beside it).", DefaultValueFactory = _ => "models/drops/default.safetensors" };
        var fromFolder = new Option<string?>("--from-folder") { Description = "Fine-tune on ROOT/<Class>/*.jpg (Clear, Crystals, Precipitate, Other)." };
        var fromDb = new Option<bool>("--from-db") { Description = "Fine-tune on the drop photographs people have labelled in the results store (latest human class of each)." };
        var db = DbOption.Create();
        var model = new Option<string?>("--model") { Description = "Model to fine-tune from (default with --from-folder/--from-db: the shipped drops model; without them: start from this model instead of random weights and continue on simulated photographs at --size)." };
        var start = new Option<int>("--start") { Description = "First training photograph of the seed (photographs START … START+N−1), so a continued model trains on scenes its base never saw.", DefaultValueFactory = _ => 0 };
        var mixtures = new Option<string?>("--mixtures") { Description = $"Training set only: share of Crystals drops that also hold precipitate, and of Crystals/Precipitate drops that also hold phase separation/skin/spherulites, as P,O (natural {DropMixtures.Natural}, kept by validation and test)." };
        var train = new Option<int>("--train") { Description = "Simulated training images.", DefaultValueFactory = _ => DropsTrainingOptions.DefaultTrainImages };
        var val = new Option<int>("--val") { Description = "Simulated validation images (threshold tuning).", DefaultValueFactory = _ => DropsTrainingOptions.DefaultValidationImages };
        var test = new Option<int>("--test") { Description = "Simulated held-out test images.", DefaultValueFactory = _ => DropsTrainingOptions.DefaultTestImages };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training set (default 24 from scratch; 10 fine-tuning)." };
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate (default 2e-3 from scratch, 3e-4 fine-tuning)." };
        var size = new Option<int>("--size") { Description = "Input side in pixels.", DefaultValueFactory = _ => DropsModel.DefaultSize };
        var crop = new Option<string?>("--crop") { Description = "What of each photograph is resized to --size: full (the whole frame) or well (the square around the well; the whole frame where none is found). Default: the base model's (--model), else full." };
        crop.AcceptOnlyFromAmong("full", "well");
        var tiles = new Option<bool>("--tiles") { Description = "Also teach the network magnified tiles of the well (3 × 3 at 2×; a tile holding a simulated crystal is labelled Crystals), so that `calibrate drops --tiles 3` can read photographs in tiles too. Needs --crop well." };
        var architecture = new Option<string?>("--arch", "--architecture") { Description = $"Network to train from random weights: {DropsModel.Architecture}, or {DropsModel.Architecture}{ResNet.SpaceToDepthSuffix} (2 × 2 pixels folded into channels first: about a third of the work at 384², every pixel still seen). Default {DropsModel.Architecture}; a continued model keeps its base's." };
        architecture.AcceptOnlyFromAmong([.. DropsModel.Architectures]);
        var seed = new Option<int>("--seed") { Description = "Seed: training set uses it, validation seed+1, test seed+2.", DefaultValueFactory = _ => 1 };
        var tpr = new Option<double>("--tpr") { Description = "True-positive rate the crystal and clear thresholds must keep on validation data.", DefaultValueFactory = _ => 0.8 };
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch (and simulation workers).", DefaultValueFactory = _ => 1 };
        var precision = TrainingPrecisionOption.Create();
        var cache = DropsCacheOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("drops", "Train the drop classifier on simulated photographs, or fine-tune it with --from-folder or --from-db.")
        {
            output, fromFolder, fromDb, db, model, start, mixtures, train, val, test, epochs, lr, size, crop, tiles, architecture, seed, tpr, threads, precision, cache, json,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            torch.SetNumThreads(Math.Max(1, r.GetValue(threads)));
            var forward = TrainingPrecisionOption.Parse(r.GetValue(precision)!);
            BFloat16Warning.BeforeRun(forward, "training runs its forward pass", training: true);
            if (r.GetValue(fromFolder) is { } folder)
                return FineTune((size, framing) => DropImageSet.FromFolder(folder, size, framing), Path.GetFullPath(folder), $"--from-folder {folder}",
                    r.GetValue(model), r.GetValue(output)!, r.GetValue(epochs) ?? 10, r.GetValue(lr) ?? 3e-4, r.GetValue(seed), r.GetValue(tpr), forward, r.GetValue(json));
            if (r.GetValue(fromDb))
            {
                var database = r.GetValue(db) ?? ResultStore.DefaultDatabase;
                return FineTune((size, framing) => FromStore(r, db, size, framing), $"human labels in {database}", $"--from-db --db \"{database}\"",
                    r.GetValue(model), r.GetValue(output)!, r.GetValue(epochs) ?? 10, r.GetValue(lr) ?? 3e-4, r.GetValue(seed), r.GetValue(tpr), forward, r.GetValue(json));
            }
            var baseModel = r.GetValue(model);
            var fromScratch = baseModel is null;
            if (!fromScratch && r.GetValue(architecture) is { } a)
                throw new ArgumentException($"--arch {a}: a continued model keeps its base's architecture; leave --arch out with --model.");
            // A continued model keeps its base's framing unless told otherwise (re-framing is itself a reason to continue).
            var framing = r.GetValue(crop) is { } c ? InputCrops.Parse(c) : baseModel is null ? InputCrop.Full : ModelFiles.LoadCard(ModelLocator.Resolve(baseModel)).InputFraming();
            if (r.GetValue(tiles) && framing != InputCrop.Well)
                throw new ArgumentException("--tiles cuts tiles from the well: use it with --crop well (or a base model framed on the well).");
            return FromSimulation(r.GetValue(output)!, baseModel, r.GetValue(architecture) ?? DropsModel.Architecture, framing, r.GetValue(tiles), r.GetValue(start), r.GetValue(mixtures) is { } m ? ParseMixtures(m) : DropMixtures.Natural, r.GetValue(train), r.GetValue(val), r.GetValue(test), r.GetValue(epochs) ?? (fromScratch ? 24 : 10), r.GetValue(lr) ?? (fromScratch ? 2e-3 : 3e-4), r.GetValue(size), r.GetValue(seed), r.GetValue(tpr), r.GetValue(threads), forward, r.GetValue(cache)!, r.GetValue(json));
        }));
        return command;
    }

    private static DropMixtures ParseMixtures(string text)
    {
        try
        {
            return DropMixtures.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--mixtures {e.Message}", e);
        }
    }

    private static void Log(string line, bool json)
    {
        if (json) Console.Error.WriteLine(line); else Console.WriteLine(line);
    }

    /// <summary>
    /// Trains on simulated photographs, from random weights or, with <paramref name="baseModel"/>, from a trained
    /// model: a network trained at a small input and continued at a larger one learns the larger one's statistics
    /// in a few epochs (as FixRes) for a fraction of what training at the larger size from scratch costs.
    /// </summary>
    private static int FromSimulation(string output, string? baseModel, string architecture, InputCrop crop, bool tiles, int trainStart, DropMixtures mixtures, int nTrain, int nVal, int nTest, int epochs, double lr, int size, int seed, double tpr, int threads, ScalarType precision, string cache, bool json)
    {
        var clock = Stopwatch.StartNew();
        DropImageSet Sim(long s, int n, string what, int first = 0, DropMixtures? mix = null)
        {
            Log($"{what}: {n} simulated photographs (seed {s}{(first == 0 ? "" : $", from {first}")}{(mix is null || mix.IsNatural ? "" : $", mixtures {mix}")}) at {size}²{(crop == InputCrop.Full ? "" : $", {InputCrops.Name(crop)} crop")} …", json);
            // Simulation runs once per set (then cached), so it may use every core; training keeps to --threads.
            return DropImageSet.SimulateCached(cache, s, n, size, Environment.ProcessorCount, start: first, mixtures: mix, crop: crop);
        }
        DropImageSet trainSet;
        if (tiles)
        {
            Log($"training: {nTrain} simulated photographs (seed {seed}, from {trainStart}{(mixtures.IsNatural ? "" : $", mixtures {mixtures}")}), each as its whole well at {size}² and up to two tiles of the well at 2× …", json);
            trainSet = DropTileSimulation.SimulateCached(cache, seed, nTrain, size, new TileReading(), Environment.ProcessorCount, trainStart, mixtures);
            Log($"training set: {trainSet.Count} wholes and tiles ({string.Join(", ", DropClasses.Names.Select((c, i) => $"{c} {trainSet.Labels.Count(l => l == i)}"))})", json);
        }
        else trainSet = Sim(seed, nTrain, "training", trainStart, mixtures);
        var valSet = Sim(seed + 1, nVal, "validation");
        var testSet = Sim(seed + 2, nTest, "test");
        torch.ManualSeed(seed);
        ModelCard? baseCard = null;
        ResNet net;
        if (baseModel is null) net = DropsModel.Create(architecture);
        else (net, baseCard) = DropsModel.Load(ModelLocator.Resolve(baseModel));
        using var _ = net;
        if (baseCard is not null) architecture = baseCard.Architecture;
        Log($"sets ready in {clock.Elapsed.TotalSeconds:0} s; training {architecture} {(baseCard is null ? "from random weights" : $"from {baseCard.Name} ({baseCard.Id[..12]})")} for {epochs} epochs on {threads} thread(s){(precision == ScalarType.Float32 ? "" : $", forward pass in {TrainingPrecisionOption.Name(precision)}")}", json);
        var options = new DropsTrainingOptions { Epochs = epochs, LearningRate = lr, Seed = seed, Precision = precision };
        DropsRecipe.Train(net, trainSet, options, line => Log(line, json));
        var thresholds = Thresholds.Tune(DropsRecipe.Predict(net, valSet), valSet.Labels, DropClasses.Names, tpr);
        var evaluation = DropsEvaluate.Evaluate(DropsRecipe.Predict(net, testSet), testSet.Labels, thresholds);
        var card = DropsModel.NewCard($"winnow-drops-{architecture}-{size}{(crop == InputCrop.Full ? "" : $"-{InputCrops.Name(crop)}")}", size, crop, architecture);
        card.Thresholds = thresholds;
        card.Training = new JsonObject
        {
            ["command"] = $"winnow train drops --out {output}{(baseModel is null ? (architecture == DropsModel.Architecture ? "" : $" --arch {architecture}") : $" --model {baseModel}")}{(trainStart == 0 ? "" : $" --start {trainStart}")}{(mixtures.IsNatural ? "" : $" --mixtures {mixtures}")} --train {nTrain} --val {nVal} --test {nTest} --epochs {epochs} --lr {lr} --size {size} --crop {InputCrops.Name(crop)}{(tiles ? " --tiles" : "")} --seed {seed} --tpr {tpr} --threads {threads}{TrainingPrecisionOption.CommandSuffix(precision)}",
            ["data"] = $"simulated (Winnow.Simulation.Drops): train seed {seed} × {nTrain}{(trainStart == 0 ? "" : $" (photographs {trainStart}–{trainStart + nTrain - 1})")}{(mixtures.IsNatural ? "" : $" with mixture rates {mixtures}")}{(tiles ? $", each photograph as its whole well and up to two 2× tiles ({trainSet.Count} examples)" : "")}, validation seed {seed + 1} × {nVal}, test seed {seed + 2} × {nTest}",
            ["epochs"] = epochs,
            ["learning_rate"] = lr,
            ["batch_size"] = options.BatchSize,
            ["precision"] = TrainingPrecisionOption.Name(precision),
            ["seed"] = seed,
            ["target_tpr"] = tpr,
            ["weights_dtype"] = "float16",
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds),
        };
        if (baseCard is not null) card.RecordContinuedFrom(baseCard);
        card.Metrics = new JsonObject { ["synthetic_test"] = evaluation.ToJson() };
        card.Notes.Add("Trained only on simulated photographs; see `winnow evaluate drops` for the real-photograph results recorded below.");
        DropsModel.Save(net, card, output);
        Summarise(evaluation, output, card, json, clock.Elapsed);
        if (tiles) Log($"these are the whole well's figures, one view; to read photographs in tiles too: winnow calibrate drops --model {output} --tiles 3, then winnow evaluate drops --model {output}", json);
        return 0;
    }

    /// <summary>The drop photographs people labelled in the store, at the model's input size.</summary>
    private static DropImageSet FromStore(ParseResult r, Option<string> db, int size, InputCrop crop)
    {
        var store = DbOption.OpenAsync(r, db, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            var labels = store.GetHumanLabelsAsync(JobKind.Drops).GetAwaiter().GetResult();
            if (labels.Count == 0)
                throw new InvalidDataException($"{r.GetValue(db)}: no drop photographs have human scores yet; add some with `winnow import-scores CSV`.");
            return DropImageSet.FromLabelledFiles(labels.Select(l => (l.Image.Path, l.Class)).ToList(), size, crop);
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int FineTune(Func<int, InputCrop, DropImageSet> load, string source, string sourceOption, string? baseModel, string output, int epochs, double lr, int seed, double tpr, ScalarType precision, bool json)
    {
        var clock = Stopwatch.StartNew();
        var weights = ModelLocator.Resolve(baseModel);
        var (net, card) = DropsModel.Load(weights);
        using var _ = net;
        var all = load(card.Input.Width, card.InputFraming());
        var (rest, test) = all.Split(0.2, seed);
        var (train, val) = rest.Split(0.15, seed + 1);
        Log($"{all.Count} labelled photographs: {train.Count} train, {val.Count} validation, {test.Count} held-out test", json);
        // The fine-tuned model keeps the base card's test-time augmentation, so it is evaluated and its thresholds
        // tuned with the same views the scorer will use.
        var views = TestTimeViews.Count(card);
        var before = DropsEvaluate.Evaluate(DropsRecipe.Predict(net, test, views), test.Labels, card.Thresholds, ClassDecision.WeightsOf(card));
        DropsRecipe.Train(net, train, new DropsTrainingOptions { Epochs = epochs, LearningRate = lr, Seed = seed, BatchSize = Math.Min(32, Math.Max(4, train.Count)), Precision = precision }, line => Log(line, json));
        var thresholds = val.Count > 0 ? Thresholds.Tune(DropsRecipe.Predict(net, val, views), val.Labels, DropClasses.Names, tpr) : card.Thresholds;
        var after = DropsEvaluate.Evaluate(DropsRecipe.Predict(net, test, views), test.Labels, thresholds);
        // The base's class weights were fitted to the base network's probabilities; the fine-tuned one decides by plain argmax.
        var tuned = card with { Name = card.Name + "-finetuned", Thresholds = thresholds, ClassWeights = new(), Notes = [.. card.Notes] };
        tuned.Training = new JsonObject
        {
            ["command"] = $"winnow train drops {sourceOption} --model {weights} --out {output} --epochs {epochs} --lr {lr} --seed {seed} --tpr {tpr}{TrainingPrecisionOption.CommandSuffix(precision)}",
            ["data"] = source,
            ["precision"] = TrainingPrecisionOption.Name(precision),
            ["train"] = train.Count,
            ["validation"] = val.Count,
            ["test"] = test.Count,
        };
        // Base id and the base's whole training record, as a simulated continuation records them: the card then says
        // how to rebuild the starting point too.
        tuned.RecordContinuedFrom(card);
        tuned.Metrics = new JsonObject { ["local_test_before"] = before.ToJson(), ["local_test_after"] = after.ToJson() };
        DropsModel.Save(net, tuned, output);
        if (json)
        {
            Console.WriteLine(new JsonObject { ["model"] = Path.GetFullPath(output), ["id"] = tuned.Id, ["before"] = before.ToJson(), ["after"] = after.ToJson() }.ToJsonString(CliJson.Options));
            return 0;
        }
        var table = new Table().AddColumns("held-out local test", "before", "after");
        table.AddRow("accuracy", $"{100 * before.Accuracy:0.0} %", $"{100 * after.Accuracy:0.0} %");
        foreach (var cls in Thresholds.Flags.Keys)
            table.AddRow($"{Thresholds.Flags[cls]} flag TPR / FPR", $"{before.AtThreshold[cls].TruePositiveRate:0.00} / {before.AtThreshold[cls].FalsePositiveRate:0.00}", $"{after.AtThreshold[cls].TruePositiveRate:0.00} / {after.AtThreshold[cls].FalsePositiveRate:0.00}");
        AnsiConsole.Write(table);
        Console.WriteLine($"fine-tuned model written to {Path.GetFullPath(output)} (id {tuned.Id[..12]}) in {clock.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    private static void Summarise(DropsEvaluation e, string output, ModelCard card, bool json, TimeSpan elapsed)
    {
        if (json)
        {
            Console.WriteLine(new JsonObject { ["model"] = Path.GetFullPath(output), ["id"] = card.Id, ["test"] = e.ToJson(), ["thresholds"] = JsonSerializer.SerializeToNode(card.Thresholds), ["seconds"] = elapsed.TotalSeconds }.ToJsonString(CliJson.Options));
            return;
        }
        DropsReport.WriteConfusion(e);
        Console.WriteLine($"held-out synthetic accuracy {100 * e.Accuracy:0.0} %; model written to {Path.GetFullPath(output)} (id {card.Id[..12]}) in {elapsed.TotalMinutes:0.0} min.");
    }
}
