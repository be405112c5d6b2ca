namespace Winnow.Scoring.Drops;

/// <summary>
/// The classical baseline the C4 paper compares its early tools with: hand-crafted texture features (grey-level
/// statistics, gradient energy and orientation coherence for straight crystal edges, local binary patterns,
/// colour) and multinomial logistic regression, trained and tested on the same images as the network.
/// </summary>
public sealed class DropsBaseline
{
    private readonly double[] mean, scale;
    private readonly double[,] weights; // [features + 1, 4]

    private DropsBaseline(double[] mean, double[] scale, double[,] weights)
    {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /// <summary>Fits standardised features with L2-regularised softmax regression (full-batch gradient descent).</summary>
    public static DropsBaseline Fit(DropImageSet train, int iterations = 1500, double l2 = 1e-3)
    {
        var x = Enumerable.Range(0, train.Count).Select(i => Features(train, i)).ToArray();
        var d = x[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = x.Average(r => r[j]);
            scale[j] = Math.Sqrt(x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))) + 1e-9;
        }
        var z = x.Select(r => Standardise(r, mean, scale)).ToArray();
        var w = new double[d + 1, 4];
        var velocity = new double[d + 1, 4];
        var lr = 0.5;
        for (var it = 0; it < iterations; it++)
        {
            var grad = new double[d + 1, 4];
            for (var i = 0; i < z.Length; i++)
            {
                var p = Softmax(z[i], w);
                for (var c = 0; c < 4; c++)
                {
                    var g = p[c] - (train.Labels[i] == c ? 1 : 0);
                    for (var j = 0; j < d; j++) grad[j, c] += g * z[i][j];
                    grad[d, c] += g;
                }
            }
            for (var j = 0; j <= d; j++)
            {
                for (var c = 0; c < 4; c++)
                {
                    var g = grad[j, c] / z.Length + (j < d ? l2 * w[j, c] : 0);
                    velocity[j, c] = 0.9 * velocity[j, c] - lr * g;
                    w[j, c] += velocity[j, c];
                }
            }
        }
        return new DropsBaseline(mean, scale, w);
    }

    /// <summary>Class probabilities [N × 4] for a set.</summary>
    public float[] Predict(DropImageSet set)
    {
        var result = new float[set.Count * 4];
        for (var i = 0; i < set.Count; i++)
        {
            var p = Softmax(Standardise(Features(set, i), mean, scale), weights);
            for (var c = 0; c < 4; c++) result[i * 4 + c] = (float)p[c];
        }
        return result;
    }

    private static double[] Standardise(double[] r, double[] mean, double[] scale) => r.Select((v, j) => (v - mean[j]) / scale[j]).ToArray();

    private static double[] Softmax(double[] z, double[,] w)
    {
        var d = z.Length;
        var logits = new double[4];
        for (var c = 0; c < 4; c++)
        {
            var s = w[d, c];
            for (var j = 0; j < d; j++) s += w[j, c] * z[j];
            logits[c] = s;
        }
        var max = logits.Max();
        var e = logits.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    /// <summary>The feature vector of image <paramref name="index"/> (computed on the central disc, where the drop is).</summary>
    public static double[] Features(DropImageSet set, int index)
    {
        var s = set.Size;
        var plane = s * s;
        var px = set.Image(index);
        var grey = new double[plane];
        for (var k = 0; k < plane; k++) grey[k] = (0.299 * px[k] + 0.587 * px[plane + k] + 0.114 * px[2 * plane + k]) / 255.0;
        var inside = new List<int>();
        double c0 = (s - 1) / 2.0, radius = s * 0.36;
        for (var y = 1; y < s - 1; y++)
            for (var x = 1; x < s - 1; x++)
                if ((x - c0) * (x - c0) + (y - c0) * (y - c0) < radius * radius) inside.Add(y * s + x);
        var values = inside.Select(k => grey[k]).ToArray();
        var m = values.Average();
        var sd = Math.Sqrt(values.Average(v => (v - m) * (v - m))) + 1e-9;
        var skew = values.Average(v => Math.Pow((v - m) / sd, 3));
        var sorted = values.Order().ToArray();
        double Q(double q) => sorted[(int)(q * (sorted.Length - 1))];
        var features = new List<double> { m, sd, skew, Q(0.02), Q(0.1), Q(0.5), Q(0.9), values.Count(v => v < m - 2 * sd) / (double)values.Length };

        var magnitudes = new double[inside.Count];
        var orientation = new double[8];
        var laplacian = new double[inside.Count];
        var lbp = new double[10];
        int[] dx = [-1, 0, 1, 1, 1, 0, -1, -1], dy = [-1, -1, -1, 0, 1, 1, 1, 0];
        for (var n = 0; n < inside.Count; n++)
        {
            var k = inside[n];
            double G(int ox, int oy) => grey[k + oy * s + ox];
            var gx = G(1, -1) + 2 * G(1, 0) + G(1, 1) - G(-1, -1) - 2 * G(-1, 0) - G(-1, 1);
            var gy = G(-1, 1) + 2 * G(0, 1) + G(1, 1) - G(-1, -1) - 2 * G(0, -1) - G(1, -1);
            var mag = Math.Sqrt(gx * gx + gy * gy);
            magnitudes[n] = mag;
            laplacian[n] = Math.Abs(G(1, 0) + G(-1, 0) + G(0, 1) + G(0, -1) - 4 * grey[k]);
            if (mag > 0.08)
            {
                // Orientation modulo π: straight facetted edges pile up in few bins, round droplets and grains spread out.
                var angle = Math.Atan2(gy, gx);
                if (angle < 0) angle += Math.PI;
                orientation[Math.Min(7, (int)(angle / Math.PI * 8))] += mag;
            }
            // Rotation-invariant uniform LBP (riu2): number of set bits if at most two transitions, else 9.
            int transitions = 0, count = 0;
            var previous = G(dx[7], dy[7]) >= grey[k] ? 1 : 0;
            for (var j = 0; j < 8; j++)
            {
                var bit = G(dx[j], dy[j]) >= grey[k] ? 1 : 0;
                if (bit != previous) transitions++;
                previous = bit;
                count += bit;
            }
            lbp[transitions <= 2 ? count : 9]++;
        }
        var magSorted = magnitudes.Order().ToArray();
        var magMean = magnitudes.Average();
        features.AddRange([magMean, Math.Sqrt(magnitudes.Average(v => (v - magMean) * (v - magMean))), magSorted[(int)(0.9 * (magSorted.Length - 1))], magSorted[(int)(0.99 * (magSorted.Length - 1))]]);
        features.AddRange(new[] { 0.05, 0.1, 0.2, 0.4 }.Select(t => magnitudes.Count(v => v > t) / (double)magnitudes.Length));
        features.AddRange([laplacian.Average(), laplacian.Max()]);
        var orientationTotal = orientation.Sum() + 1e-9;
        var entropy = -orientation.Select(v => v / orientationTotal).Where(p => p > 0).Sum(p => p * Math.Log(p));
        features.AddRange([entropy, orientation.Max() / orientationTotal]);
        features.AddRange(lbp.Select(v => v / inside.Count));
        double r = 0, g = 0, b = 0, sat = 0;
        foreach (var k in inside)
        {
            double pr = px[k], pg = px[plane + k], pb = px[2 * plane + k];
            r += pr; g += pg; b += pb;
            var max = Math.Max(pr, Math.Max(pg, pb));
            sat += max == 0 ? 0 : (max - Math.Min(pr, Math.Min(pg, pb))) / max;
        }
        var count2 = inside.Count * 255.0;
        features.AddRange([(r - g) / count2, (b - g) / count2, sat / inside.Count]);
        return features.ToArray();
    }
}
