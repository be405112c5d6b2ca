using System.Numerics;
using System.Runtime.CompilerServices;
using Winnow.Formats.Diffraction;
using Winnow.Formats.Geometry;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// A shot ready for the network: a beam-centred square of side 2·<see cref="HalfWidthPx"/> detector pixels max-pooled to
/// <see cref="Size"/>², square-root scaled; plus the geometry that turns a radius on it into a resolution in Å.
/// </summary>
/// <param name="Pixels">Channels × Size × Size values, row-major (slow axis down, fast axis across).</param>
/// <param name="Size">Side of the pooled image.</param>
/// <param name="HalfWidthPx">Detector pixels from the beam centre to the edge of the square (its farthest detector edge).</param>
/// <param name="Geometry">The detector geometry of the shot.</param>
/// <param name="Channels">Zoom levels: channel k is the square of half-width HalfWidthPx / 2^k (see <see cref="Preprocess"/>).</param>
public sealed record DiffractionInput(float[] Pixels, int Size, double HalfWidthPx, FlatDetector Geometry, int Channels = 1)
{
    /// <summary>Pixel size in mm (the mean of fast and slow; they are equal on every detector we read).</summary>
    public double PixelMm => (Geometry.PixelSizeMm.Fast + Geometry.PixelSizeMm.Slow) / 2;

    /// <summary>Resolution d (Å) → radius on the detector as a fraction of <see cref="HalfWidthPx"/> (Bragg's law, flat detector).</summary>
    public double RadiusFraction(double resolutionA)
    {
        double sinTheta = Math.Min(1, Geometry.WavelengthA / (2 * resolutionA));
        double twoTheta = 2 * Math.Asin(sinTheta);
        // Past 90° 2θ a flat detector normal to the beam sees nothing; cap the radius there.
        double radiusMm = twoTheta >= Math.PI / 2 - 1e-6 ? 1e6 : Geometry.DistanceMm * Math.Tan(twoTheta);
        return radiusMm / PixelMm / HalfWidthPx;
    }

    /// <summary>Radius fraction → resolution d (Å), the inverse of <see cref="RadiusFraction"/>.</summary>
    public double ResolutionA(double radiusFraction)
    {
        double radiusMm = Math.Max(1e-6, radiusFraction) * HalfWidthPx * PixelMm;
        return FlatDetector.DSpacingFromTwoTheta(Math.Atan2(radiusMm, Geometry.DistanceMm), Geometry.WavelengthA);
    }
}

/// <summary>
/// Preprocessing as resonet does it: gaps (-1) and bad pixels (-2) to 0, max-pool to a fixed square, square-root
/// intensity. The square is centred on the beam so that a resolution ring is a circle about the image centre whatever
/// the detector, and its radius converts to Å through the geometry (<see cref="DiffractionInput.RadiusFraction"/>).
/// </summary>
public static class Preprocess
{
    /// <summary>Default pooled side. 256² rather than resonet's 512²: one 2-core CPU must simulate and train in under two
    /// hours. At 128² (≈ 20×20 Pilatus pixels per cell) neighbouring spots of a 60 Å cell at 350 mm fell 1.5 cells apart,
    /// so the lattice — and a second, misoriented one — was aliased away; at 256² they are about three cells apart.</summary>
    public const int DefaultSize = 256;

    /// <summary>Scale after the square root, so that background sits near 0.1–0.5 and spots near 1–10.</summary>
    public const float IntensityScale = 0.1f;

    /// <summary>Ceiling after scaling (10 000 counts): overloads and the strongest spots say nothing more about class or resolution.</summary>
    public const float Ceiling = 10f;

    /// <summary>
    /// A pixel brighter than <see cref="LoneFactor"/> × its brightest neighbour + <see cref="LoneMargin"/> is a zinger, a hot
    /// pixel or direct-beam leak, not diffraction: a Bragg spot spreads over neighbouring pixels (DIALS' spot finder
    /// likewise needs at least 3 pixels on a Pilatus). Such pixels never reach the pooled image, so one bright lone pixel
    /// beside the beam stop (real blank grid shot thau_3_2_0019: 112,775 counts among neighbours of 0–4) is not a spot.
    /// </summary>
    public const int LoneFactor = 4, LoneMargin = 20;

    /// <summary>Preprocesses panel 0 of a detector image; counts above the header's trusted range (hot pixels) are masked, as DIALS does.</summary>
    public static DiffractionInput Run(DetectorImage image, int size = DefaultSize, int zoomLevels = 1)
    {
        return Run(image.Pixels, image.ImageSize.Fast, image.ImageSize.Slow, image.Geometry, size, TrustedCeiling(image), zoomLevels);
    }

    /// <summary>The highest trusted count of an image (its header's trusted range; no limit when it records none).</summary>
    public static int TrustedCeiling(DetectorImage image) =>
        image.TrustedRange.Max > 0 ? (int)Math.Min(int.MaxValue, image.TrustedRange.Max) : int.MaxValue;

    /// <summary>
    /// Preprocesses raw pixels (row-major, fast first; -1 gaps, -2 bad; above <paramref name="maxTrusted"/> masked) with their
    /// geometry. Channel k of the <paramref name="zoomLevels"/> channels is the beam-centred square of half-width
    /// half / 2^k pooled to the same side: channel 0 sees the whole detector (the resolution ring), the zoomed channels
    /// see the low-angle lattice at 2×, 4× … finer pooling, where the rows of one lattice — and a second, misoriented
    /// lattice among them — stay apart instead of merging into one pooled cell.
    /// </summary>
    public static DiffractionInput Run(ReadOnlySpan<int> pixels, int width, int height, FlatDetector geometry, int size = DefaultSize, int maxTrusted = int.MaxValue, int zoomLevels = 1)
    {
        if (pixels.Length != (long)width * height)
            throw new InvalidDataException($"image holds {pixels.Length} pixels, not {width}×{height}");
        if (zoomLevels < 1) throw new ArgumentOutOfRangeException(nameof(zoomLevels), zoomLevels, "at least one channel");
        var (bx, by) = geometry.BeamCentrePx;
        // Half-width: from the beam to the farthest detector edge, so the whole detector fits in the square.
        double half = Math.Max(Math.Max(bx, width - bx), Math.Max(by, height - by));
        half = Math.Max(half, 1);
        var output = new float[zoomLevels * size * size];
        var max = new int[size * size];
        var band = new int[width];
        for (int k = 0; k < zoomLevels; k++)
        {
            PoolSquare(pixels, width, height, bx, by, half / (1 << k), size, maxTrusted, max, band);
            var channel = output.AsSpan(k * size * size, size * size);
            for (int i = 0; i < channel.Length; i++)
                channel[i] = Math.Min(Ceiling, MathF.Sqrt(max[i]) * IntensityScale);
        }
        return new DiffractionInput(output, size, half, geometry, zoomLevels);
    }

    // max[r·size + c] = the largest trusted, not-lone count among the detector pixels whose centres fall in cell (r, c) of
    // the square of half-width `half` about (bx, by); pixels outside the square are left out, cells with none stay 0.
    private static void PoolSquare(ReadOnlySpan<int> pixels, int width, int height, double bx, double by, double half, int size, int maxTrusted, int[] max, int[] band)
    {
        Array.Clear(max);
        double cell = 2 * half / size;
        double x0 = bx - half, y0 = by - half;
        // Cells cover contiguous runs of columns and of rows (the mapping is monotone): cell c spans columns
        // [colStart[c], colStart[c + 1]).
        int xFirst = Math.Clamp((int)Math.Ceiling(x0 - 0.5), 0, width), xEnd = Math.Clamp((int)Math.Ceiling(x0 + 2 * half - 0.5), 0, width);
        int yFirst = Math.Clamp((int)Math.Ceiling(y0 - 0.5), 0, height), yEnd = Math.Clamp((int)Math.Ceiling(y0 + 2 * half - 0.5), 0, height);
        var colStart = new int[size + 1];
        for (int c = 0, x = xFirst; c <= size; c++)
        {
            while (x < xEnd && (c == size || CellOf(x, x0, cell, size) < c)) x++;
            colStart[c] = x;
        }
        for (int y = yFirst; y < yEnd;)
        {
            int r = CellOf(y, y0, cell, size), yNext = y + 1;
            while (yNext < yEnd && CellOf(yNext, y0, cell, size) == r) yNext++;
            BandMax(pixels, width, xFirst, xEnd, y, yNext, maxTrusted, band);
            for (int c = 0; c < size; c++)
            {
                int xs = colStart[c], xe = colStart[c + 1];
                if (xs >= xe) continue;
                max[r * size + c] = CellMax(pixels, width, height, band, xs, xe, y, yNext, maxTrusted);
            }
            y = yNext;
        }
    }

    private static int CellOf(int pixel, double origin, double cell, int size) =>
        Math.Clamp((int)Math.Floor((pixel + 0.5 - origin) / cell), 0, size - 1);

    // band[x] = max over rows [y0, y1) of column x in [x0, x1), masked pixels (negative or above the trusted range) as 0. Whole
    // vectors at a time: this pass reads every pixel once and is where the time goes. Hot loops are compiled fully
    // optimised at once: a scoring process lives for a few shots, too short for tiered compilation to get there.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BandMax(ReadOnlySpan<int> pixels, int width, int x0, int x1, int y0, int y1, int maxTrusted, int[] band)
    {
        Array.Clear(band, x0, x1 - x0);
        var trusted = new Vector<int>(maxTrusted);
        int lanes = Vector<int>.Count;
        var bandSpan = band.AsSpan();
        for (int y = y0; y < y1; y++)
        {
            var line = pixels.Slice(y * width, width);
            int x = x0;
            for (; x <= x1 - lanes; x += lanes)
            {
                var v = new Vector<int>(line.Slice(x));
                v = Vector.ConditionalSelect(Vector.GreaterThan(v, trusted), Vector<int>.Zero, v);
                Vector.Max(v, new Vector<int>(bandSpan.Slice(x))).CopyTo(bandSpan.Slice(x));
            }
            for (; x < x1; x++)
            {
                int v = line[x];
                if (v <= maxTrusted && v > band[x]) band[x] = v;
            }
        }
    }

    // The cell's maximum over trusted pixels that are not lone. The band already holds the trusted maximum per column;
    // only when the pixel holding it is lone (a zinger: rare) is the cell scanned pixel by pixel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CellMax(ReadOnlySpan<int> pixels, int width, int height, int[] band, int xs, int xe, int y0, int y1, int maxTrusted)
    {
        int best = 0, bestX = -1;
        for (int x = xs; x < xe; x++)
            if (band[x] > best) { best = band[x]; bestX = x; }
        if (bestX < 0) return 0;
        int bestY = y0;
        while (pixels[bestY * width + bestX] != best) bestY++;
        if (!IsLone(pixels, width, height, bestX, bestY, best)) return best;
        int m = 0;
        for (int y = y0; y < y1; y++)
            for (int x = xs; x < xe; x++)
            {
                int v = pixels[y * width + x];
                if (v > m && v <= maxTrusted && !IsLone(pixels, width, height, x, y, v)) m = v;
            }
        return m;
    }

    /// <summary>True when the pixel at (x, y) of value v stands alone: far brighter than all eight neighbours (masked ones count as 0).</summary>
    public static bool IsLone(ReadOnlySpan<int> pixels, int width, int height, int x, int y, int v)
    {
        long limit = ((long)v - LoneMargin) / LoneFactor;
        if (limit < 0) return false;
        for (int dy = -1; dy <= 1; dy++)
        {
            int yy = y + dy;
            if (yy < 0 || yy >= height) continue;
            for (int dx = -1; dx <= 1; dx++)
            {
                int xx = x + dx;
                if ((dx == 0 && dy == 0) || xx < 0 || xx >= width) continue;
                if (pixels[yy * width + xx] >= limit) return false;
            }
        }
        return true;
    }
}
