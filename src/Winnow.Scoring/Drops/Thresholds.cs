namespace Winnow.Scoring.Drops;

/// <summary>One point of an ROC curve: the threshold and the rates it gives.</summary>
public readonly record struct RocPoint(double Threshold, double TruePositiveRate, double FalsePositiveRate);

/// <summary>
/// Binary decisions on top of the four-way softmax, as the C4 pipeline does for crystals: the threshold on
/// p(class) is the highest one whose true-positive rate on validation data is still at least the target (0.8 by
/// default), so that few crystals are missed and the false positives that costs are known.
/// </summary>
public static class Thresholds
{
    /// <summary>The classes that get a binary flag, with their flag names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Flags = new Dictionary<string, string> { ["Crystals"] = "crystal", ["Clear"] = "clear" };

    /// <summary>The ROC curve of scores against binary truth, one point per distinct score (highest first).</summary>
    public static List<RocPoint> Roc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        int p = positive.Count(b => b), n = positive.Count - p;
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (positive[order[k]]) tp++; else fp++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;
            points.Add(new(scores[order[k]], p == 0 ? 0 : (double)tp / p, n == 0 ? 0 : (double)fp / n));
        }
        return points;
    }

    /// <summary>Area under an ROC curve (trapezoids).</summary>
    public static double Auc(IReadOnlyList<RocPoint> roc)
    {
        double area = 0;
        for (var i = 1; i < roc.Count; i++)
            area += (roc[i].FalsePositiveRate - roc[i - 1].FalsePositiveRate) * (roc[i].TruePositiveRate + roc[i - 1].TruePositiveRate) / 2;
        return area;
    }

    /// <summary>The highest threshold whose true-positive rate reaches <paramref name="targetTpr"/>.</summary>
    public static RocPoint Choose(IReadOnlyList<RocPoint> roc, double targetTpr)
    {
        if (targetTpr is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(targetTpr), $"the target true-positive rate must be in (0, 1], not {targetTpr}");
        foreach (var point in roc)
            if (point.TruePositiveRate >= targetTpr && !double.IsInfinity(point.Threshold)) return point;
        return roc[^1];
    }

    /// <summary>Rates of a fixed threshold on other data (the held-out test set).</summary>
    public static RocPoint At(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double threshold)
    {
        int tp = 0, fp = 0, p = 0, n = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (positive[i]) { p++; if (flagged) tp++; }
            else { n++; if (flagged) fp++; }
        }
        return new(threshold, p == 0 ? 0 : (double)tp / p, n == 0 ? 0 : (double)fp / n);
    }

    /// <summary>Tunes every flag on validation probabilities [N × classes]; returns class → threshold.</summary>
    public static Dictionary<string, double> Tune(float[] probabilities, int[] labels, IReadOnlyList<string> classes, double targetTpr)
    {
        var result = new Dictionary<string, double>();
        foreach (var name in Flags.Keys)
        {
            var c = classes.ToList().IndexOf(name);
            var scores = Enumerable.Range(0, labels.Length).Select(i => (double)probabilities[i * classes.Count + c]).ToList();
            var truth = labels.Select(l => l == c).ToList();
            result[name] = Choose(Roc(scores, truth), targetTpr).Threshold;
        }
        return result;
    }
}
