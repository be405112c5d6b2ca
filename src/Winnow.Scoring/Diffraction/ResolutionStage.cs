using System.Text.Json.Nodes;
using Winnow.Scoring.Common;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// A monotone recalibration of the network's resolution: isotonic regression of ln d(true) on ln d(predicted), fitted on
/// simulated shots of the calibration seed and applied by linear interpolation between its knots (flat beyond them). The
/// network squeezes its predictions towards the middle of the range and overshoots on the weakest shots (predicted
/// 8–14 Å where the truth is about 7 Å); a monotone map keeps the order of the shots and only moves their values. The
/// knots span the simulated range (about 1.2–9 Å), so predictions are kept inside it.
/// </summary>
public sealed record ResolutionStage(double[] LnPredicted, double[] LnTrue)
{
    /// <summary>Card key under <c>postprocessing</c>.</summary>
    public const string CardKey = "resolution_stage";

    /// <summary>The prediction with its resolution recalibrated; class probabilities unchanged.</summary>
    public DiffractionPrediction Apply(DiffractionPrediction p) => p with { ResolutionA = Math.Exp(Map(Math.Log(p.ResolutionA))) };

    /// <summary>Piecewise-linear interpolation between the knots, flat outside them.</summary>
    public double Map(double lnPredicted)
    {
        if (lnPredicted <= LnPredicted[0]) return LnTrue[0];
        if (lnPredicted >= LnPredicted[^1]) return LnTrue[^1];
        int hi = Array.BinarySearch(LnPredicted, lnPredicted);
        if (hi >= 0) return LnTrue[hi];
        hi = ~hi;
        int lo = hi - 1;
        double t = (lnPredicted - LnPredicted[lo]) / (LnPredicted[hi] - LnPredicted[lo]);
        return LnTrue[lo] + t * (LnTrue[hi] - LnTrue[lo]);
    }

    /// <summary>Isotonic (non-decreasing) least-squares fit by pooling adjacent violators; one knot per pooled block, at
    /// the mean of its predictions.</summary>
    public static ResolutionStage Fit(IReadOnlyList<double> predictedA, IReadOnlyList<double> trueA)
    {
        if (predictedA.Count != trueA.Count || predictedA.Count < 20)
            throw new ArgumentException($"fitting the resolution stage needs at least 20 shots with a resolution, got {predictedA.Count}");
        var order = Enumerable.Range(0, predictedA.Count).OrderBy(i => predictedA[i]).ToArray();
        var blocks = new List<(double SumY, double SumX, int N)>();
        foreach (int i in order)
        {
            blocks.Add((Math.Log(trueA[i]), Math.Log(predictedA[i]), 1));
            // Merge while the last block's mean falls below the one before it.
            while (blocks.Count > 1 && blocks[^2].SumY / blocks[^2].N > blocks[^1].SumY / blocks[^1].N)
            {
                var (a, b) = (blocks[^2], blocks[^1]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((a.SumY + b.SumY, a.SumX + b.SumX, a.N + b.N));
            }
        }
        // Blocks with equal mean prediction would make a vertical step; keep the first of such knots.
        var x = new List<double>();
        var y = new List<double>();
        foreach (var b in blocks)
        {
            double bx = b.SumX / b.N;
            if (x.Count > 0 && bx <= x[^1]) continue;
            x.Add(bx);
            y.Add(b.SumY / b.N);
        }
        return new ResolutionStage(x.ToArray(), y.ToArray());
    }

    /// <summary>The stage as its card object.</summary>
    public JsonObject ToJson(JsonObject provenance)
    {
        var json = new JsonObject
        {
            ["model"] = "isotonic regression of ln d(true) on ln d(predicted); linear between knots, flat outside",
            ["knots_ln_predicted"] = new JsonArray(LnPredicted.Select(v => (JsonNode?)v).ToArray()),
            ["knots_ln_true"] = new JsonArray(LnTrue.Select(v => (JsonNode?)v).ToArray()),
        };
        foreach (var (key, value) in provenance) json[key] = value?.DeepClone();
        return json;
    }

    /// <summary>The stage stored in a card, or null; a malformed one is an <see cref="InvalidDataException"/>.</summary>
    public static ResolutionStage? FromCard(ModelCard card)
    {
        if (card.Postprocessing[CardKey] is not JsonObject stage) return null;
        var x = stage["knots_ln_predicted"]?.AsArray().Select(n => n?.GetValue<double>() ?? double.NaN).ToArray();
        var y = stage["knots_ln_true"]?.AsArray().Select(n => n?.GetValue<double>() ?? double.NaN).ToArray();
        bool increasing = x is not null && x.Zip(x.Skip(1), (a, b) => b > a).All(ok => ok);
        bool monotone = y is not null && y.Zip(y.Skip(1), (a, b) => b >= a).All(ok => ok);
        if (x is null || y is null || x.Length == 0 || x.Length != y.Length || !increasing || !monotone || x.Concat(y).Any(v => !double.IsFinite(v)))
            throw new InvalidDataException($"model card {card.Name}: postprocessing.{CardKey} needs equally many increasing knots_ln_predicted and non-decreasing knots_ln_true");
        return new ResolutionStage(x, y);
    }
}
