using System.Runtime.CompilerServices;
using System.Numerics;

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

    /// <summary>Values above this enter the background sums as this (the sums stay in 32 bits; a pixel that bright is a
    /// spot or an overload, and a PILATUS or EIGER counts to about 10⁶ at most).</summary>
    private const int SumClamp = 1 << 22;

    /// <summary>Indices of strong pixels, in row order. The box sums slide down the image: each row's horizontal sums
    /// enter the column accumulators once and leave them once, so memory stays a few rows whatever the detector.</summary>
    // AggressiveOptimization on the per-pixel loops: JIT-compiled fully optimised at first call. With tiered compilation a
    // command-line batch of a few dozen shots ran most of them through unoptimised code (70 shots: 0.108 s per shot, 0.086 with tiering off).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<int> StrongPixels(ReadOnlySpan<int> pixels, int width, int height, int maxTrusted)
    {
        int box = 2 * HalfBox + 1;
        var rowSum = new int[box][];
        var rowCount = new int[box][];
        for (int i = 0; i < box; i++) { rowSum[i] = new int[width]; rowCount[i] = new int[width]; }
        var colSum = new int[width];
        var colCount = new int[width];
        // One masked row with a margin of zeros either side, so the sliding window needs no bounds checks.
        var value = new int[width + 2 * HalfBox];
        var valid = new int[width + 2 * HalfBox];
        var strong = new List<int>();
        int minCount = box * box / 2;
        for (int y = 0; y < height; y++)
        {
            // Rows y−HalfBox … y+HalfBox are in the accumulators once row y+HalfBox has entered and y−HalfBox−1 has left.
            // The leaving row goes first: the entering row reuses its slot of the ring.
            int leaving = y - HalfBox - 1;
            if (leaving >= 0)
            {
                Accumulate(colSum, rowSum[leaving % box], -1);
                Accumulate(colCount, rowCount[leaving % box], -1);
            }
            int entering = y == 0 ? 0 : y + HalfBox;
            int last = Math.Min(height - 1, y + HalfBox);
            for (int r = entering; r <= last; r++)
            {
                HorizontalSums(pixels.Slice(r * width, width), maxTrusted, value, valid, rowSum[r % box], rowCount[r % box]);
                Accumulate(colSum, rowSum[r % box], +1);
                Accumulate(colCount, rowCount[r % box], +1);
            }
            TestRow(pixels.Slice(y * width, width), y * width, colSum, colCount, maxTrusted, minCount, strong);
        }
        return strong;
    }

    /// <summary>
    /// Adds the strong pixels of one row (index offset <paramref name="start"/>) to <paramref name="strong"/>. A float
    /// vector test with the threshold lowered a hair passes every strong pixel and few others; those few get the exact
    /// test in double. (A scalar first test of each pixel cost more than the box sums: with a background of 2–5 counts
    /// it is a coin flip for the branch predictor.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TestRow(ReadOnlySpan<int> row, int start, int[] colSum, int[] colCount, int maxTrusted, int minCount, List<int> strong)
    {
        int n = Vector<int>.Count, x = 0;
        var half = new Vector<float>(0.5f);
        var one = new Vector<float>(1f);
        var excess = new Vector<float>((float)MinExcessCounts);
        var sigmas = new Vector<float>((float)Sigmas);
        var slack = new Vector<float>(0.01f);
        var relative = new Vector<float>(1e-6f);
        for (; x <= row.Length - n; x += n)
        {
            var mean = Vector.ConvertToSingle(new Vector<int>(colSum, x)) / Vector.Max(Vector.ConvertToSingle(new Vector<int>(colCount, x)), one);
            // Lowered by 0.01 plus float's relative error on the mean (sums reach 81 × 2²², past float's 24-bit mantissa).
            var threshold = mean + Vector.Max(excess, sigmas * Vector.SquareRoot(Vector.Max(mean, half))) - slack - mean * relative;
            var hit = Vector.GreaterThan(Vector.ConvertToSingle(new Vector<int>(row.Slice(x, n))), threshold);
            if (hit == Vector<int>.Zero) continue;
            for (int i = x; i < x + n; i++) TestPixel(row[i], colSum[i], colCount[i], maxTrusted, minCount, start + i, strong);
        }
        for (; x < row.Length; x++) TestPixel(row[x], colSum[x], colCount[x], maxTrusted, minCount, start + x, strong);
    }

    /// <summary>The exact rule: trusted, enough trusted neighbours, above mean + <see cref="MinExcessCounts"/> and above
    /// mean + <see cref="Sigmas"/> √mean.</summary>
    private static void TestPixel(int v, long sum, long count, int maxTrusted, int minCount, int index, List<int> strong)
    {
        if (v < 0 || v > maxTrusted || count < minCount) return;
        double mean = (double)sum / count;
        if (v > mean + MinExcessCounts && v > mean + Sigmas * Math.Sqrt(Math.Max(mean, 0.5))) strong.Add(index);
    }

    /// <summary>Box sums along one row of trusted values and their counts, a vector at a time: the masked row sits in
    /// <paramref name="value"/> with HalfBox zeros either side, and pixel x's window is value[x … x+2·HalfBox].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalSums(ReadOnlySpan<int> row, int maxTrusted, int[] value, int[] valid, int[] sum, int[] count)
    {
        int width = row.Length, n = Vector<int>.Count, x = 0;
        var v = value.AsSpan(HalfBox, width);
        var ok = valid.AsSpan(HalfBox, width);
        var zero = Vector<int>.Zero;
        var top = new Vector<int>(maxTrusted);
        var clamp = new Vector<int>(SumClamp);
        for (; x <= width - n; x += n)
        {
            var p = new Vector<int>(row.Slice(x, n));
            // Masked (negative, or above the trusted range) → 0 and not counted; a true lane is all ones (−1).
            var keep = Vector.GreaterThanOrEqual(p, zero) & Vector.LessThanOrEqual(p, top);
            Vector.ConditionalSelect(keep, Vector.Min(p, clamp), zero).CopyTo(v.Slice(x, n));
            (-keep).CopyTo(ok.Slice(x, n));
        }
        for (; x < width; x++)
        {
            int p = row[x];
            bool keep = p >= 0 && p <= maxTrusted;
            v[x] = keep ? Math.Min(p, SumClamp) : 0;
            ok[x] = keep ? 1 : 0;
        }
        // The window slides: value[x+2·HalfBox] enters as value[x−1] leaves (a serial scan beat nine shifted vector adds).
        int s = 0, c = 0;
        for (int j = 0; j < 2 * HalfBox && j < value.Length; j++) { s += value[j]; c += valid[j]; }
        var enterValue = value.AsSpan(2 * HalfBox, width);
        var enterValid = valid.AsSpan(2 * HalfBox, width);
        var outSum = sum.AsSpan(0, width);
        var outCount = count.AsSpan(0, width);
        for (int i = 0; i < outSum.Length; i++)
        {
            s += enterValue[i];
            c += enterValid[i];
            outSum[i] = s;
            outCount[i] = c;
            s -= value[i];
            c -= valid[i];
        }
    }

    /// <summary>target += sign × row, a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(Span<int> t, ReadOnlySpan<int> r, int sign)
    {
        int n = Vector<int>.Count, x = 0;
        for (; x <= t.Length - n; x += n)
        {
            var a = new Vector<int>(t.Slice(x, n));
            var b = new Vector<int>(r.Slice(x, n));
            (sign > 0 ? a + b : a - b).CopyTo(t.Slice(x, n));
        }
        for (; x < t.Length; x++) t[x] += sign * r[x];
    }

    /// <summary>Joins 4-connected strong pixels into spots with intensity-weighted centroids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
