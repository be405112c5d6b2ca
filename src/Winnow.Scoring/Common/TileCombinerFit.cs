namespace Winnow.Scoring.Common;

/// <summary>
/// Fits the tile combiner (<see cref="TileReading.Combiner"/>): a multinomial logistic regression on
/// <see cref="TileFeatures"/>, standardised, with an L2 penalty chosen by 5-fold cross-validation on the same
/// validation images (never on the test set); the standardisation is folded into the weights afterwards, so the
/// card holds one plain weight matrix.
/// </summary>
public static class TileCombinerFit
{
    /// <summary>Penalties tried by cross-validation.</summary>
    public static readonly double[] Ridges = [1e-4, 1e-3, 1e-2, 3e-2];

    /// <summary>What the fit chose: the weights, the penalty and its cross-validated accuracy.</summary>
    public sealed record Result(List<List<double>> Weights, double Ridge, double CrossValidatedAccuracy);

    /// <summary>Fits on features [N][F] (first column the constant) and labels in [0, classes).</summary>
    public static Result Fit(double[][] features, int[] labels, int classes, int seed = 0)
    {
        if (features.Length != labels.Length || features.Length < 10)
            throw new ArgumentException($"the tile combiner needs at least 10 labelled validation images, not {features.Length}.");
        var (mean, std) = Standardisation(features);
        var x = features.Select(f => Standardise(f, mean, std)).ToArray();
        var rng = new Random(seed);
        var fold = Enumerable.Range(0, x.Length).OrderBy(_ => rng.Next()).Select((i, rank) => (i, rank % 5)).OrderBy(p => p.i).Select(p => p.Item2).ToArray();
        var bestRidge = Ridges[0];
        var bestAccuracy = -1.0;
        foreach (var ridge in Ridges)
        {
            var right = 0;
            for (var k = 0; k < 5; k++)
            {
                var train = Enumerable.Range(0, x.Length).Where(i => fold[i] != k).ToArray();
                var w = Descend(train.Select(i => x[i]).ToArray(), train.Select(i => labels[i]).ToArray(), classes, ridge);
                right += Enumerable.Range(0, x.Length).Count(i => fold[i] == k && Argmax(x[i], w) == labels[i]);
            }
            var accuracy = (double)right / x.Length;
            // Ties go to the larger penalty: the simpler combiner.
            if (accuracy >= bestAccuracy) (bestRidge, bestAccuracy) = (ridge, accuracy);
        }
        var weights = Descend(x, labels, classes, bestRidge);
        return new Result(Unstandardise(weights, mean, std), bestRidge, bestAccuracy);
    }

    /// <summary>Full-batch gradient descent on the penalised cross-entropy (the constant is not penalised).</summary>
    private static double[,] Descend(double[][] x, int[] y, int classes, double ridge, int iterations = 3000, double rate = 0.5)
    {
        var features = x[0].Length;
        var w = new double[features, classes];
        var gradient = new double[features, classes];
        var p = new float[classes];
        var z = new double[classes];
        for (var it = 0; it < iterations; it++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < x.Length; i++)
            {
                for (var c = 0; c < classes; c++)
                {
                    var s = 0.0;
                    for (var f = 0; f < features; f++) s += x[i][f] * w[f, c];
                    z[c] = s;
                }
                TileReading.Softmax(z, p);
                for (var c = 0; c < classes; c++)
                {
                    var error = p[c] - (y[i] == c ? 1 : 0);
                    for (var f = 0; f < features; f++) gradient[f, c] += x[i][f] * error;
                }
            }
            for (var f = 0; f < features; f++)
                for (var c = 0; c < classes; c++)
                    w[f, c] -= rate * (gradient[f, c] / x.Length + (f == 0 ? 0 : ridge * w[f, c]));
        }
        return w;
    }

    private static int Argmax(double[] x, double[,] w)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var c = 0; c < w.GetLength(1); c++)
        {
            var s = 0.0;
            for (var f = 0; f < x.Length; f++) s += x[f] * w[f, c];
            if (s > bestValue) (best, bestValue) = (c, s);
        }
        return best;
    }

    private static (double[] Mean, double[] Std) Standardisation(double[][] x)
    {
        var features = x[0].Length;
        var mean = new double[features];
        var std = new double[features];
        for (var f = 1; f < features; f++)
        {
            mean[f] = x.Average(r => r[f]);
            std[f] = Math.Sqrt(x.Average(r => (r[f] - mean[f]) * (r[f] - mean[f]))) + 1e-9;
        }
        std[0] = 1;
        return (mean, std);
    }

    private static double[] Standardise(double[] f, double[] mean, double[] std) =>
        f.Select((v, i) => i == 0 ? v : (v - mean[i]) / std[i]).ToArray();

    /// <summary>Weights on the raw features: w'_f = w_f / s_f, and the constant absorbs −Σ w_f m_f / s_f.</summary>
    private static List<List<double>> Unstandardise(double[,] w, double[] mean, double[] std)
    {
        int features = w.GetLength(0), classes = w.GetLength(1);
        var result = Enumerable.Range(0, features).Select(_ => new List<double>(new double[classes])).ToList();
        for (var c = 0; c < classes; c++)
        {
            var constant = w[0, c];
            for (var f = 1; f < features; f++)
            {
                result[f][c] = w[f, c] / std[f];
                constant -= w[f, c] * mean[f] / std[f];
            }
            result[0][c] = constant;
        }
        return result;
    }
}
