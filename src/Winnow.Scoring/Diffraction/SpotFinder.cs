namespace Winnow.Scoring.Diffraction;

/// <summary>One spot: intensity-weighted centroid in pixel coordinates (fast, slow; pixel i spans [i, i+1)), its pixel count and summed counts.</summary>
public readonly record struct Spot(double Fast, double Slow, int PixelCount, double Counts);

/// <summary>
/// Finds Bragg spots the way DIALS' dispersion spot finder does in spirit, in one streaming pass: a pixel is strong when
/// it stands out of the Poisson noise of its local background (mean over a (2·<see cref="HalfBox"/>+1)² box of trusted
/// pixels); strong pixels that touch (4-connected) make a spot, and a spot needs at least <see cref="MinPixels"/> pixels
/// (a lone bright pixel is a zinger or hot pixel, not diffraction).
/// </summary>
public static class SpotFinder
{
    /// <summary>Box half-width: 9 × 9 pixels, wide enough that a Pilatus spot (2–4 pixels) barely moves the local mean.</summary>
    public const int HalfBox = 4;

    /// <summary>Standard deviations of the Poisson background a pixel must exceed.</summary>
    public const double Sigmas = 4;

    /// <summary>Counts above the local mean a pixel must also exceed, so that 1–2 count pixels on a near-empty background are not spots.</summary>
    public const double MinExcessCounts = 2;

    /// <summary>Pixels a spot needs.</summary>
    public const int MinPixels = 2;

    /// <summary>Spots in raw pixels (row-major, fast index first; negative values are gaps or bad pixels, values above
    /// <paramref name="maxTrusted"/> are masked).</summary>
    public static List<Spot> Find(ReadOnlySpan<int> pixels, int width, int height, int maxTrusted = int.MaxValue)
    {
        if (pixels.Length != (long)width * height) throw new ArgumentException($"{pixels.Length} pixels for a {width}×{height} image");
        var strong = StrongPixels(pixels, width, height, maxTrusted);
        return Group(pixels, width, strong);
    }

    /// <summary>Indices of strong pixels, in row order. The box sums slide down the image: each row's horizontal sums
    /// enter the column accumulators once and leave them once, so memory stays a few rows whatever the detector.</summary>
    private static List<int> StrongPixels(ReadOnlySpan<int> pixels, int width, int height, int maxTrusted)
    {
        int box = 2 * HalfBox + 1;
        var rowSum = new long[box][];
        var rowCount = new int[box][];
        for (int i = 0; i < box; i++) { rowSum[i] = new long[width]; rowCount[i] = new int[width]; }
        var colSum = new long[width];
        var colCount = new int[width];
        var strong = new List<int>();
        int minCount = box * box / 2;
        for (int y = 0; y < height; y++)
        {
            // Rows y−HalfBox … y+HalfBox are in the accumulators once row y+HalfBox has entered and y−HalfBox−1 has left.
            // The leaving row goes first: the entering row reuses its slot of the ring.
            int leaving = y - HalfBox - 1;
            if (leaving >= 0) Add(default, maxTrusted, rowSum[leaving % box], rowCount[leaving % box], colSum, colCount, -1);
            int entering = y == 0 ? 0 : y + HalfBox;
            int last = Math.Min(height - 1, y + HalfBox);
            for (int r = entering; r <= last; r++) Add(pixels.Slice(r * width, width), maxTrusted, rowSum[r % box], rowCount[r % box], colSum, colCount, +1);
            var row = pixels.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int v = row[x];
                if (v < 0 || v > maxTrusted || colCount[x] < minCount) continue;
                double mean = (double)colSum[x] / colCount[x];
                if (v > mean + MinExcessCounts && v > mean + Sigmas * Math.Sqrt(Math.Max(mean, 0.5))) strong.Add(y * width + x);
            }
        }
        return strong;
    }

    /// <summary>Adds (+1: computes the row's horizontal box sums first) or removes (−1: the stored sums) one row.</summary>
    private static void Add(ReadOnlySpan<int> row, int maxTrusted, long[] sum, int[] count, long[] colSum, int[] colCount, int sign)
    {
        int width = sum.Length;
        if (sign > 0)
        {
            long s = 0;
            int c = 0;
            // Sliding horizontal window: value x+HalfBox enters, x−HalfBox−1 leaves.
            for (int x = -HalfBox; x < width; x++)
            {
                int inX = x + HalfBox, outX = x - HalfBox - 1;
                if (inX < width && row[inX] >= 0 && row[inX] <= maxTrusted) { s += row[inX]; c++; }
                if (outX >= 0 && row[outX] >= 0 && row[outX] <= maxTrusted) { s -= row[outX]; c--; }
                if (x >= 0) { sum[x] = s; count[x] = c; }
            }
        }
        for (int x = 0; x < width; x++)
        {
            colSum[x] += sign * sum[x];
            colCount[x] += sign * count[x];
        }
    }

    /// <summary>Joins 4-connected strong pixels into spots with intensity-weighted centroids.</summary>
    private static List<Spot> Group(ReadOnlySpan<int> pixels, int width, List<int> strong)
    {
        var isStrong = new HashSet<int>(strong);
        var seen = new HashSet<int>();
        var spots = new List<Spot>();
        var stack = new Stack<int>();
        foreach (int seed in strong)
        {
            if (!seen.Add(seed)) continue;
            stack.Push(seed);
            double sw = 0, sf = 0, ss = 0;
            int n = 0;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int x = p % width, y = p / width;
                double w = Math.Max(1, pixels[p]);
                sw += w; sf += w * (x + 0.5); ss += w * (y + 0.5); n++;
                Visit(p - 1, x > 0); Visit(p + 1, x < width - 1); Visit(p - width, true); Visit(p + width, true);
            }
            if (n >= MinPixels) spots.Add(new Spot(sf / sw, ss / sw, n, sw));
        }
        return spots;

        void Visit(int q, bool inside)
        {
            if (inside && isStrong.Contains(q) && seen.Add(q)) stack.Push(q);
        }
    }
}
