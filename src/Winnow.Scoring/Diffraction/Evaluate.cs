using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Simulation.Diffraction;
using Winnow.Torch;
using Winnow.Torch.nn;

namespace Winnow.Scoring.Diffraction;

/// <summary>The network's output for one shot: class probabilities (blank, single, multi) and resolution in Å.</summary>
public sealed record DiffractionPrediction(float[] Probabilities, double ResolutionA)
{
    /// <summary>Index of the most probable class.</summary>
    public int Class => Array.IndexOf(Probabilities, Probabilities.Max());
}

/// <summary>
/// Held-out metrics: lattice accuracy (three classes), confusion matrix (rows truth, columns prediction), resolution
/// agreement, and resonet's binary task — single vs multi on shots that hold a crystal, deciding between those two
/// probabilities only — with multi recall per misorientation band (a second lattice turned by less than the mosaic
/// spread puts its spots on the first one's).
/// </summary>
public sealed record EvaluationReport(int Shots, double Accuracy, int[,] Confusion, double MultiRecall, double PearsonR, double MedianAbsErrorA, double Within10Percent, int ResolutionShots)
{
    /// <summary>Single vs multi accuracy on crystal shots (argmax of p(single), p(multi)); NaN without crystal shots.</summary>
    public double SingleVsMultiAccuracy { get; init; } = double.NaN;
    /// <summary>Multi recall of the binary decision per misorientation band (label → recall, shots).</summary>
    public IReadOnlyList<(string Band, double Recall, int Shots)> MultiRecallByMisorientation { get; init; } = [];
    /// <summary>The binary decision per band of spots found (when the shots carry spot evidence): singles kept single and
    /// multis found. Below ~50 spots a still holds no lattice a spot finder can see, whatever decides.</summary>
    public IReadOnlyList<SpotBand> BySpots { get; init; } = [];
}

/// <summary>Single vs multi in one band of spot counts: singles called single, and multis called multi.</summary>
public sealed record SpotBand(string Band, int SinglesRight, int Singles, int MultisRight, int Multis);

/// <summary>
/// Evaluation on simulated shots the model never saw (a different simulator seed from training): accuracy, confusion
/// matrix, resolution Pearson r, median absolute error (Å), share within 10 %; written into the card and as a PNG plot.
/// </summary>
public static class Evaluate
{
    /// <summary>
    /// Runs the network over preprocessed inputs in batches; with <paramref name="views"/> = 8 (a card's
    /// test-time augmentation "dihedral8") the class probabilities and the log-radius are averaged over the beam-centred
    /// square's quarter-turns and mirror images, which change neither the class nor the resolution ring.
    /// </summary>
    public static DiffractionPrediction[] Predict(DiffractionNet model, IReadOnlyList<DiffractionInput> inputs, int batchSize = 32, int views = 1)
    {
        model.Eval();
        var results = new DiffractionPrediction[inputs.Count];
        using var noGrad = torch.NoGrad();
        for (int b = 0; b < inputs.Count; b += batchSize)
        {
            using var scope = torch.NewScope();
            var chunk = inputs.Skip(b).Take(batchSize).ToList();
            var mean = TestTimeViews.Mean(Batch.Of(chunk).ToChannelsLast(), views, view =>
            {
                var (logits, radius) = model.Forward(view);
                return [F.Softmax(logits, 1), radius];
            });
            var p = mean[0].ToArray<float>();
            var r = mean[1].ToArray<float>();
            int k = DiffractionNet.Classes.Length;
            for (int i = 0; i < chunk.Count; i++)
                results[b + i] = new DiffractionPrediction(p.AsSpan(i * k, k).ToArray(), chunk[i].ResolutionA(Math.Exp(r[i])));
        }
        return results;
    }

    /// <summary>Compares predictions with the simulator's truth.</summary>
    public static EvaluationReport Measure(IReadOnlyList<DiffractionSample> truth, IReadOnlyList<DiffractionPrediction> predicted)
    {
        int k = DiffractionNet.Classes.Length;
        var confusion = new int[k, k];
        int correct = 0;
        var pairs = new List<(double True, double Predicted)>();
        for (int i = 0; i < truth.Count; i++)
        {
            int c = predicted[i].Class;
            confusion[truth[i].Class, c]++;
            if (c == truth[i].Class) correct++;
            if (truth[i].HasResolution) pairs.Add((truth[i].ResolutionA, predicted[i].ResolutionA));
        }
        int multi = 0;
        for (int j = 0; j < k; j++) multi += confusion[2, j];
        var errors = pairs.Select(p => Math.Abs(p.Predicted - p.True)).Order().ToArray();
        // resonet's task: the shot holds a crystal; one lattice or several?
        bool SaysMulti(int i) => predicted[i].Probabilities[2] > predicted[i].Probabilities[1];
        var crystal = Enumerable.Range(0, truth.Count).Where(i => truth[i].Class != 0).ToList();
        double binary = crystal.Count == 0 ? double.NaN : (double)crystal.Count(i => SaysMulti(i) == (truth[i].Class == 2)) / crystal.Count;
        (double Lo, double Hi, string Label)[] bands = [(0, 0.5, "0.1-0.5 deg"), (0.5, 2, "0.5-2 deg"), (2, 8, "2-8 deg"), (8, 1e9, "8-30 deg")];
        var byBand = bands.Select(b =>
        {
            var members = crystal.Where(i => truth[i].Class == 2 && truth[i].MisorientationDeg >= b.Lo && truth[i].MisorientationDeg < b.Hi).ToList();
            return (b.Label, members.Count == 0 ? double.NaN : (double)members.Count(SaysMulti) / members.Count, members.Count);
        }).ToList();
        (int Lo, int Hi, string Label)[] spotBands = [(0, 50, "<50 spots"), (50, 200, "50-199 spots"), (200, 1000, "200-999 spots"), (1000, int.MaxValue, ">=1000 spots")];
        var bySpots = crystal.All(i => truth[i].Spots is not null) ? spotBands.Select(b =>
        {
            var members = crystal.Where(i => truth[i].Spots!.Value.Spots >= b.Lo && truth[i].Spots!.Value.Spots < b.Hi).ToList();
            var singles = members.Where(i => truth[i].Class == 1).ToList();
            var multis = members.Where(i => truth[i].Class == 2).ToList();
            return new SpotBand(b.Label, singles.Count(i => !SaysMulti(i)), singles.Count, multis.Count(SaysMulti), multis.Count);
        }).ToList() : [];
        return new EvaluationReport(
            truth.Count, (double)correct / truth.Count, confusion,
            multi == 0 ? double.NaN : (double)confusion[2, 2] / multi,
            Pearson(pairs.Select(p => p.True).ToArray(), pairs.Select(p => p.Predicted).ToArray()),
            errors.Length == 0 ? double.NaN : errors[errors.Length / 2],
            pairs.Count == 0 ? double.NaN : (double)pairs.Count(p => Math.Abs(p.Predicted - p.True) <= 0.1 * p.True) / pairs.Count,
            pairs.Count)
        {
            SingleVsMultiAccuracy = binary,
            MultiRecallByMisorientation = byBand,
            BySpots = bySpots,
        };
    }

    /// <summary>Pearson correlation coefficient; NaN for fewer than two points.</summary>
    public static double Pearson(double[] x, double[] y)
    {
        if (x.Length < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Evaluates the model at <paramref name="weights"/> on shots 0…n−1 of simulator seed <paramref name="seed"/>, which must
    /// differ from the training seed; writes the metrics into the card and the plot to NAME.eval.png beside the weights.
    /// </summary>
    public static (EvaluationReport Report, string Plot) Run(string weights, int n, int seed, int threads, Action<string> log)
    {
        var card = ModelFiles.LoadCard(weights);
        if (card.Training["seed"] is JsonNode trainSeed && trainSeed.GetValue<int>() == seed)
            throw new ArgumentException($"--seed {seed} is the seed the model was trained on; evaluate on another seed so the shots are unseen.");
        var stage = LatticeStage.FromCard(card);
        var resolutionStage = ResolutionStage.FromCard(card);
        // Every stage after the network records the seed it was fitted on; none may be the evaluation's.
        foreach (var (key, fitted) in card.Postprocessing)
            if (fitted?["seed"] is JsonNode stageSeed && stageSeed.GetValue<int>() == seed)
                throw new ArgumentException($"--seed {seed} is the seed postprocessing.{key} was fitted on; evaluate on another seed so the shots are unseen.");
        torch.SetNumThreads(threads);
        log($"simulating {n} held-out shots (seed {seed}){(stage is null ? "" : ", finding their spots for the lattice stage")}");
        var samples = SimulatedSet.Generate(seed, 0, n, DetectorChoice.Pilatus6M, card.Input.Width, Math.Max(1, Environment.ProcessorCount), null, card.Input.Channels, withSpots: stage is not null);
        using var model = DiffractionNet.ForInference(card, weights);
        var inputs = samples.Select(s => s.Input).ToList();
        var views = TestTimeViews.Count(card);
        var network = Predict(model, inputs, views: views);
        var predicted = WithStage(stage, resolutionStage, network, samples);
        var report = Measure(samples, predicted);
        var plot = Path.Combine(Path.GetDirectoryName(weights) ?? ".", Path.GetFileNameWithoutExtension(weights) + ".eval.png");
        PlotResolution(plot, samples, predicted);
        card.Metrics = ToJson(report, seed);
        // What the network alone scores on the same shots, so that the card shows what the lattice stage adds.
        if (stage is not null || resolutionStage is not null) card.Metrics["network_only"] = ToJson(Measure(samples, network), seed);
        // The same shots once more with the network in bfloat16 (score --bf16), so that the card says what the faster
        // precision costs in accuracy and how often it changes an answer.
        log("the same shots in bfloat16");
        model.ToPrecision(ScalarType.BFloat16);
        var half = WithStage(stage, resolutionStage, Predict(model, inputs, views: views), samples);
        card.Metrics["bfloat16"] = BFloat16Json(Measure(samples, half), predicted, half);
        card.Save(ModelFiles.CardPath(weights));
        return (report, plot);
    }

    /// <summary>Predictions after the lattice and resolution stages (each left out when the card has none).</summary>
    public static DiffractionPrediction[] WithStage(LatticeStage? stage, ResolutionStage? resolution, IReadOnlyList<DiffractionPrediction> network, IReadOnlyList<DiffractionSample> samples) =>
        network.Select((p, i) => AfterStages(stage, resolution, p,
            stage is null ? null : samples[i].Spots ?? throw new InvalidOperationException("the lattice stage needs spot evidence"))).ToArray();

    /// <summary>One prediction after the stages, as scoring and evaluation both apply them: the lattice stage where it
    /// exists and <paramref name="spots"/> are given (null: it does not apply to this image), then the resolution stage.</summary>
    public static DiffractionPrediction AfterStages(LatticeStage? stage, ResolutionStage? resolution, DiffractionPrediction network, SpotEvidence? spots)
    {
        var p = stage is null || spots is null ? network : stage.Apply(network, spots.Value);
        return resolution is null ? p : resolution.Apply(p);
    }

    /// <summary>bfloat16's metrics and its agreement with float32: same class, and the relative change in resolution.</summary>
    public static JsonObject BFloat16Json(EvaluationReport r, IReadOnlyList<DiffractionPrediction> full, IReadOnlyList<DiffractionPrediction> half)
    {
        int same = Enumerable.Range(0, full.Count).Count(i => full[i].Class == half[i].Class);
        var change = Enumerable.Range(0, full.Count).Select(i => Math.Abs(half[i].ResolutionA / full[i].ResolutionA - 1)).Order().ToArray();
        return new JsonObject
        {
            ["lattice_accuracy"] = Number(r.Accuracy, 4),
            ["resolution_pearson_r"] = Number(r.PearsonR, 4),
            ["resolution_median_abs_error_A"] = Number(r.MedianAbsErrorA, 3),
            ["class_agreement_with_float32"] = Number((double)same / full.Count, 4),
            ["resolution_median_relative_change"] = Number(change[change.Length / 2], 4),
            ["resolution_max_relative_change"] = Number(change[^1], 4),
        };
    }

    /// <summary>A rounded JSON number, or null where there is none (NaN: too few shots to measure it).</summary>
    public static JsonNode? Number(double value, int digits) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, digits)) : null;

    /// <summary>The report as the card's metrics object.</summary>
    public static JsonObject ToJson(EvaluationReport r, int seed)
    {
        var confusion = new JsonArray();
        for (int t = 0; t < r.Confusion.GetLength(0); t++)
        {
            var row = new JsonArray();
            for (int p = 0; p < r.Confusion.GetLength(1); p++) row.Add(r.Confusion[t, p]);
            confusion.Add(row);
        }
        return new JsonObject
        {
            ["data"] = $"{r.Shots} simulated PILATUS3 6M stills, simulator seed {seed} (never used in training)",
            ["seed"] = seed,
            ["lattice_accuracy"] = Number(r.Accuracy, 4),
            ["multi_recall"] = Number(r.MultiRecall, 4),
            ["single_vs_multi_accuracy"] = Number(r.SingleVsMultiAccuracy, 4),
            ["multi_recall_by_misorientation"] = new JsonObject(r.MultiRecallByMisorientation.Select(b =>
                new KeyValuePair<string, JsonNode?>(b.Band, new JsonObject { ["recall"] = Number(b.Recall, 4), ["shots"] = b.Shots }))),
            ["single_vs_multi_by_spots_found"] = new JsonObject(r.BySpots.Select(b => new KeyValuePair<string, JsonNode?>(b.Band, new JsonObject
            {
                ["singles_called_single"] = b.SinglesRight,
                ["singles"] = b.Singles,
                ["multis_called_multi"] = b.MultisRight,
                ["multis"] = b.Multis,
            }))),
            ["confusion_rows_truth_cols_predicted"] = confusion,
            ["confusion_classes"] = new JsonArray(DiffractionNet.Classes.Select(c => (JsonNode?)c).ToArray()),
            ["resolution_pearson_r"] = Number(r.PearsonR, 4),
            ["resolution_median_abs_error_A"] = Number(r.MedianAbsErrorA, 3),
            ["resolution_within_10_percent"] = Number(r.Within10Percent, 4),
            ["resolution_shots"] = r.ResolutionShots,
        };
    }

    /// <summary>Predicted vs true d (1–9 Å both axes) as a 560² PNG: the diagonal dashed, one dark dot per shot (shots
    /// beyond 9 Å sit on the edge).</summary>
    public static void PlotResolution(string path, IReadOnlyList<DiffractionSample> truth, IReadOnlyList<DiffractionPrediction> predicted)
    {
        const int side = 560;
        var canvas = new PlotCanvas(side, side);
        var axes = new PlotAxes(canvas, 72, 30, side - 20, side - 58, 1, 9, 1, 9);
        var (x0, y0) = axes.At(1, 1);
        var (x1, y1) = axes.At(9, 9);
        canvas.Line(x0, y0, x1, y1, (170, 170, 170), dashed: true);
        axes.Draw("resolution on held-out shots", "true d (A)", "predicted d (A)", PlotAxes.Ticks(1, 9, 1), PlotAxes.Ticks(1, 9, 1), "0");
        for (int i = 0; i < truth.Count; i++)
        {
            if (!truth[i].HasResolution) continue;
            var (x, y) = axes.At(truth[i].ResolutionA, predicted[i].ResolutionA);
            canvas.Disc(x, y, 1, (40, 40, 40));
        }
        canvas.Save(path);
    }
}
