namespace Winnow.Scoring.Common;

/// <summary>
/// How a classifier's probabilities become one class: the largest of weight × p over the classes, with the card's
/// <see cref="ModelCard.ClassWeights"/> (1 where a class has none, which is plain argmax). One rule for the scorer
/// and for every evaluation, so a held-out figure is measured the way images are scored.
/// </summary>
public static class ClassDecision
{
    /// <summary>The card's weights in class order, or null when every weight is 1.</summary>
    public static double[]? WeightsOf(ModelCard card)
    {
        if (card.ClassWeights.Count == 0) return null;
        var unknown = card.ClassWeights.Keys.Where(k => !card.Classes.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"the model card of {card.Name}: class_weights names {string.Join(", ", unknown)}, which is not among its classes ({string.Join(", ", card.Classes)}).");
        var weights = card.Classes.Select(c => card.ClassWeights.GetValueOrDefault(c, 1.0)).ToArray();
        if (weights.Any(w => !(w > 0) || double.IsInfinity(w)))
            throw new InvalidDataException($"the model card of {card.Name}: class_weights must be positive and finite.");
        return weights.All(w => w == 1.0) ? null : weights;
    }

    /// <summary>The decided class index of one probability row.</summary>
    public static int Decide(ReadOnlySpan<float> p, IReadOnlyList<double>? weights)
    {
        var best = 0;
        var bestValue = Weighted(p, weights, 0);
        for (var c = 1; c < p.Length; c++)
        {
            var v = Weighted(p, weights, c);
            if (v > bestValue) (best, bestValue) = (c, v);
        }
        return best;
    }

    private static double Weighted(ReadOnlySpan<float> p, IReadOnlyList<double>? weights, int c) => weights is null ? p[c] : weights[c] * p[c];

    /// <summary>Share of rows of <paramref name="probabilities"/> [N × k] decided as their label.</summary>
    public static double Accuracy(float[] probabilities, int[] labels, int k, IReadOnlyList<double>? weights)
    {
        if (labels.Length == 0) return 0;
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (Decide(probabilities.AsSpan(i * k, k), weights) == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>
    /// Fits weights that maximise accuracy on validation probabilities: coordinate ascent on log-weights over a grid
    /// of ±<paramref name="maxLog"/> in steps of <paramref name="step"/>, the first class fixed at 1 (only ratios
    /// matter). A move is kept only if it decides more images right, or as many with a weight nearer 1, so weights
    /// stay at 1 unless the validation data ask otherwise.
    /// </summary>
    public static double[] Fit(float[] probabilities, int[] labels, int k, double maxLog = 1.5, double step = 0.05)
    {
        if (probabilities.Length != labels.Length * k) throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Length} labels of {k} classes");
        var logs = new double[k];
        double[] Weights() => logs.Select(Math.Exp).ToArray();
        var best = Accuracy(probabilities, labels, k, Weights());
        var steps = (int)Math.Round(maxLog / step);
        for (var round = 0; round < 10; round++)
        {
            var moved = false;
            for (var c = 1; c < k; c++)
            {
                var keep = logs[c];
                for (var s = -steps; s <= steps; s++)
                {
                    var candidate = s * step;
                    if (candidate == keep) continue;
                    logs[c] = candidate;
                    var accuracy = Accuracy(probabilities, labels, k, Weights());
                    if (accuracy > best || (accuracy == best && Math.Abs(candidate) < Math.Abs(keep)))
                    {
                        (best, keep, moved) = (accuracy, candidate, true);
                    }
                }
                logs[c] = keep;
            }
            if (!moved) break;
        }
        return Weights();
    }
}
