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

    /// <summary>Values above this enter the packed box sums as this, so that a box's sum of 81 values fits the low
    /// <see cref="CountShift"/> bits. A clamped sum only lowers the mean, so the vector pre-test still passes every strong
    /// pixel; in rows whose box holds a clamped value, the candidates are then tested on their exact box (a pixel above
    /// 131,072 counts is a strong spot or an overload on a counting detector, so this is rare).</summary>
    private const int SumClamp = 1 << 17;

    /// <summary>Box sums carry two numbers in one int: the sum of trusted values in bits 0–23 and the number of trusted
    /// pixels (≤ 81) from bit 24. One add then updates both, which halves the passes over memory.</summary>
    private const int CountShift = 24;
    private const int SumMask = (1 << CountShift) - 1;

    /// <summary>Indices of strong pixels, in row order. The box sums slide down the image: each row's horizontal sums
    /// enter the column accumulator once and leave it once, so memory stays a few rows whatever the detector.</summary>
    // AggressiveOptimization on the per-pixel loops: JIT-compiled fully optimised at first call. With tiered compilation a
    // command-line batch of a few dozen shots ran most of them through unoptimised code (70 shots: 0.108 s per shot, 0.086 with tiering off).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<int> StrongPixels(ReadOnlySpan<int> pixels, int width, int height, int maxTrusted)
    {
        int box = 2 * HalfBox + 1;
        var rowSums = new int[box][];
        for (int i = 0; i < box; i++) rowSums[i] = new int[width];
        var column = new int[width];
        // One packed row with a margin of zeros either side, so the sliding window needs no bounds checks.
        var packed = new int[width + 2 * HalfBox];
        var triples = new int[width + 2 * HalfBox];
        var clamped = new bool[box];
        int clampedRows = 0;
        var strong = new List<int>();
        var rule = new StrongRule(pixels, width, height, maxTrusted);
        for (int y = 0; y < height; y++)
        {
            // Rows y−HalfBox … y+HalfBox are in the accumulator once row y+HalfBox has entered and y−HalfBox−1 has left.
            // The leaving row goes first: the entering row reuses its slot of the ring.
            int leaving = y - HalfBox - 1;
            if (leaving >= 0)
            {
                Accumulate(column, rowSums[leaving % box], -1);
                if (clamped[leaving % box]) clampedRows--;
            }
            int entering = y == 0 ? 0 : y + HalfBox;
            int last = Math.Min(height - 1, y + HalfBox);
            for (int r = entering; r <= last; r++)
            {
                clamped[r % box] = HorizontalSums(pixels.Slice(r * width, width), maxTrusted, packed, triples, rowSums[r % box]);
                if (clamped[r % box]) clampedRows++;
                Accumulate(column, rowSums[r % box], +1);
            }
            TestRow(rule, y, column, clampedRows > 0, strong);
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
    private static void TestRow(in StrongRule rule, int y, int[] column, bool exactBoxes, List<int> strong)
    {
        var row = rule.Pixels.Slice(y * rule.Width, rule.Width);
        int n = Vector<int>.Count, x = 0;
        var half = new Vector<float>(0.5f);
        var one = new Vector<float>(1f);
        var excess = new Vector<float>((float)MinExcessCounts);
        var sigmas = new Vector<float>((float)Sigmas);
        var slack = new Vector<float>(0.01f);
        var relative = new Vector<float>(1e-6f);
        var mask = new Vector<int>(SumMask);
        for (; x <= row.Length - n; x += n)
        {
            var box = new Vector<int>(column, x);
            var mean = Vector.ConvertToSingle(box & mask) / Vector.Max(Vector.ConvertToSingle(Vector.ShiftRightLogical(box, CountShift)), one);
            // Lowered by 0.01 plus a relative margin for float's rounding of the mean and the root (the packed sums, below
            // 2²⁴, convert to float exactly; the clamped rows get the exact test anyway).
            var threshold = mean + Vector.Max(excess, sigmas * Vector.SquareRoot(Vector.Max(mean, half))) - slack - mean * relative;
            var hit = Vector.GreaterThan(Vector.ConvertToSingle(new Vector<int>(row.Slice(x, n))), threshold);
            if (hit == Vector<int>.Zero) continue;
            for (int i = x; i < x + n; i++) rule.Test(i, y, column[i], exactBoxes, strong);
        }
        for (; x < row.Length; x++) rule.Test(x, y, column[x], exactBoxes, strong);
    }

    /// <summary>The exact rule for one pixel: trusted, enough trusted neighbours, above mean + <see cref="MinExcessCounts"/>
    /// and above mean + <see cref="Sigmas"/> √mean, the mean taken from the packed box sum or, where that may hold a
    /// clamped value, from the pixels themselves.</summary>
    private readonly ref struct StrongRule(ReadOnlySpan<int> pixels, int width, int height, int maxTrusted)
    {
        public readonly ReadOnlySpan<int> Pixels = pixels;
        public readonly int Width = width;
        private readonly int minCount = (2 * HalfBox + 1) * (2 * HalfBox + 1) / 2;

        public void Test(int x, int y, int packedBox, bool exactBox, List<int> strong)
        {
            int v = Pixels[y * Width + x];
            if (v < 0 || v > maxTrusted) return;
            var (sum, count) = exactBox ? ExactBox(x, y) : (packedBox & SumMask, packedBox >>> CountShift);
            if (count < minCount) return;
            double mean = (double)sum / count;
            if (v > mean + MinExcessCounts && v > mean + Sigmas * Math.Sqrt(Math.Max(mean, 0.5))) strong.Add(y * Width + x);
        }

        private (long Sum, int Count) ExactBox(int x, int y)
        {
            long sum = 0;
            int count = 0;
            for (int yy = Math.Max(0, y - HalfBox); yy <= Math.Min(height - 1, y + HalfBox); yy++)
                foreach (int p in Pixels.Slice(yy * Width + Math.Max(0, x - HalfBox), Math.Min(Width - 1, x + HalfBox) - Math.Max(0, x - HalfBox) + 1))
                    if (p >= 0 && p <= maxTrusted) { sum += p; count++; }
            return (sum, count);
        }
    }

    /// <summary>Packed box sums along one row, a vector at a time: the packed row (trusted value plus one count, or 0 when
    /// masked) sits in <paramref name="packed"/> with HalfBox zeros either side, and pixel x's window is packed[x … x+2·HalfBox].
    /// True when a trusted value of the row was clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HorizontalSums(ReadOnlySpan<int> row, int maxTrusted, int[] packed, int[] triples, int[] sum)
    {
        int width = row.Length, n = Vector<int>.Count, x = 0;
        var over = Vector<int>.Zero;
        bool clamped = false;
        var v = packed.AsSpan(HalfBox, width);
        var zero = Vector<int>.Zero;
        var top = new Vector<int>(maxTrusted);
        var clamp = new Vector<int>(SumClamp);
        var counted = new Vector<int>(1 << CountShift);
        for (; x <= width - n; x += n)
        {
            var p = new Vector<int>(row.Slice(x, n));
            // Masked (negative, or above the trusted range) → 0: neither summed nor counted.
            var keep = Vector.GreaterThanOrEqual(p, zero) & Vector.LessThanOrEqual(p, top);
            over |= keep & Vector.GreaterThan(p, clamp);
            Vector.ConditionalSelect(keep, Vector.Min(p, clamp) + counted, zero).CopyTo(v.Slice(x, n));
        }
        for (; x < width; x++)
        {
            int p = row[x];
            bool keep = p >= 0 && p <= maxTrusted;
            clamped |= keep && p > SumClamp;
            v[x] = keep ? Math.Min(p, SumClamp) + (1 << CountShift) : 0;
        }
        // Nine-wide (2·HalfBox + 1) window sums in two vector steps: triples t[x] = p[x] + p[x+1] + p[x+2], then t[x] + t[x+3] + t[x+6]
        // (six loads and four adds per vector, no carried dependency; the serial sliding scan was latency-bound).
        var all = packed.AsSpan();
        int tripleCount = width + 2 * HalfBox - 2;
        for (x = 0; x <= tripleCount - n; x += n)
            (new Vector<int>(all.Slice(x, n)) + new Vector<int>(all.Slice(x + 1, n)) + new Vector<int>(all.Slice(x + 2, n))).CopyTo(triples.AsSpan(x, n));
        for (; x < tripleCount; x++) triples[x] = all[x] + all[x + 1] + all[x + 2];
        var output = sum.AsSpan(0, width);
        for (x = 0; x <= width - n; x += n)
            (new Vector<int>(triples, x) + new Vector<int>(triples, x + 3) + new Vector<int>(triples, x + 6)).CopyTo(output.Slice(x, n));
        for (; x < width; x++) output[x] = triples[x] + triples[x + 3] + triples[x + 6];
        return clamped || over != Vector<int>.Zero;
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
