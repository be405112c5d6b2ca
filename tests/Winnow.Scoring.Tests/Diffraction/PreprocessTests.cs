using Winnow.Formats.Geometry;
using Winnow.Scoring.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class PreprocessTests
{
    private static FlatDetector Geometry(int width, int height, double bx, double by) =>
        new(200, (0.172, 0.172), (bx, by), 1.0, (width, height));

    [Fact]
    public void GapsAndBadPixelsBecomeZeroAndNeverBeatACount()
    {
        // 8×8 detector, beam in the middle, pooled to 4×4: each cell is 2×2 pixels.
        var pixels = new int[64];
        Array.Fill(pixels, -1);
        pixels[0] = -2;
        pixels[9] = 4; // cell (0, 0) holds a -2, two -1 and a 4
        var input = Preprocess.Run(pixels, 8, 8, Geometry(8, 8, 4, 4), 4);
        Assert.Equal(16, input.Pixels.Length);
        Assert.Equal(MathF.Sqrt(4) * Preprocess.IntensityScale, input.Pixels[0], 6);
        Assert.All(input.Pixels.Skip(1), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void PoolsToTheRequestedSizeByMaximumWithSquareRootScaling()
    {
        var pixels = new int[100 * 60];
        var rng = new Random(3);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.Next(0, 10);
        // A spot at the beam (lands in a central cell): peak 400 with a shoulder, as Bragg spots spread over pixels.
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                pixels[(30 + dy) * 100 + 50 + dx] = dx == 0 && dy == 0 ? 400 : 150;
        var input = Preprocess.Run(pixels, 100, 60, Geometry(100, 60, 50, 30), 16);
        Assert.Equal(16, input.Size);
        Assert.Equal(16 * 16, input.Pixels.Length);
        Assert.Equal(50, input.HalfWidthPx); // beam to the farthest edge (fast axis)
        int peak = Array.IndexOf(input.Pixels, input.Pixels.Max());
        Assert.Equal(8, peak / 16);
        Assert.Equal(8, peak % 16);
        Assert.Equal(MathF.Sqrt(400) * Preprocess.IntensityScale, input.Pixels[peak], 5);
        // Rows above and below the 60-pixel-high detector lie outside it and stay 0.
        Assert.All(input.Pixels.Take(16 * 2), v => Assert.Equal(0f, v));
        Assert.Contains(input.Pixels.Skip(16 * 4).Take(16), v => v > 0);
    }

    [Fact]
    public void CeilingCapsOverloads()
    {
        var pixels = new int[16];
        pixels[5] = 1_046_527;
        pixels[6] = 600_000; // a saturated spot covers more than one pixel
        var input = Preprocess.Run(pixels, 4, 4, Geometry(4, 4, 2, 2), 2);
        Assert.Equal(Preprocess.Ceiling, input.Pixels.Max());
    }

    [Fact]
    public void ALonePixelIsNotASpotButASpreadSpotAndWeakNoiseAre()
    {
        // 12×12 detector, background 2, pooled to 3×3 (4×4 pixels per cell).
        var pixels = new int[144];
        Array.Fill(pixels, 2);
        pixels[1 * 12 + 1] = 112_775; // zinger, as in thau_3_2_0019: neighbours 0–4, one of them a bad pixel
        pixels[0 * 12 + 1] = -2;
        pixels[6 * 12 + 6] = 90; // a small spot: peak and a shoulder pixel of 30
        pixels[6 * 12 + 7] = 30;
        pixels[10 * 12 + 10] = 9; // a bright noise count is not 'lone' at this level: it stays
        var input = Preprocess.Run(pixels, 12, 12, Geometry(12, 12, 6, 6), 3);
        Assert.Equal(MathF.Sqrt(2) * Preprocess.IntensityScale, input.Pixels[0], 6); // the zinger is gone, background left
        Assert.Equal(MathF.Sqrt(90) * Preprocess.IntensityScale, input.Pixels[1 * 3 + 1], 6); // cell (1, 1)
        Assert.Equal(MathF.Sqrt(9) * Preprocess.IntensityScale, input.Pixels[8], 6);
        Assert.True(Preprocess.IsLone(pixels, 12, 12, 1, 1, 112_775));
        Assert.False(Preprocess.IsLone(pixels, 12, 12, 6, 6, 90));
    }

    [Fact]
    public void CountsAboveTheTrustedRangeAreMasked()
    {
        var pixels = new int[16];
        pixels[5] = 1_046_527; // a hot pixel, as in the real PILATUS shots (trusted range tops at 115 897)
        pixels[6] = 9;
        var input = Preprocess.Run(pixels, 4, 4, Geometry(4, 4, 2, 2), 1, maxTrusted: 115_897);
        Assert.Equal(MathF.Sqrt(9) * Preprocess.IntensityScale, input.Pixels[0], 6);
    }

    // The pooling rule written the plain way, pixel by pixel: per cell the largest trusted count that is not lone, or 0;
    // with zoom z only pixels whose centres lie inside the square of half-width half / z count.
    private static float[] PlainPool(int[] pixels, int width, int height, FlatDetector g, int size, int maxTrusted, int zoom = 1)
    {
        var (bx, by) = g.BeamCentrePx;
        double half = Math.Max(1, Math.Max(Math.Max(bx, width - bx), Math.Max(by, height - by))) / zoom, cell = 2 * half / size;
        var max = new int[size * size];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double u = (x + 0.5 - (bx - half)) / cell, w = (y + 0.5 - (by - half)) / cell;
                if (zoom > 1 && (u < 0 || u >= size || w < 0 || w >= size)) continue;
                int r = Math.Clamp((int)Math.Floor(w), 0, size - 1);
                int c = Math.Clamp((int)Math.Floor(u), 0, size - 1);
                int v = pixels[y * width + x];
                if (v > max[r * size + c] && v <= maxTrusted && !Preprocess.IsLone(pixels, width, height, x, y, v)) max[r * size + c] = v;
            }
        return max.Select(m => Math.Min(Preprocess.Ceiling, MathF.Sqrt(m) * Preprocess.IntensityScale)).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void VectorisedPoolingGivesExactlyThePlainRuleOnMessyImages(int seed)
    {
        var rng = new Random(seed);
        int width = rng.Next(37, 300), height = rng.Next(29, 260), size = new[] { 8, 16, 32, 64 }[rng.Next(4)];
        var pixels = new int[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.Next(0, 30);
        // Module gaps (-1 rows and columns), bad pixels (-2), hot pixels above the trusted range, zingers (lone), spread spots.
        for (int x = 0; x < width; x++) pixels[(height / 3) * width + x] = -1;
        for (int y = 0; y < height; y++) pixels[y * width + width / 2] = -1;
        for (int k = 0; k < 40; k++) pixels[rng.Next(pixels.Length)] = -2;
        for (int k = 0; k < 10; k++) pixels[rng.Next(pixels.Length)] = 2_000_000;
        for (int k = 0; k < 5; k++)
        {
            // Blocks above the trusted range: not lone, so only the trusted-range mask keeps them out.
            int hx = rng.Next(0, width - 1), hy = rng.Next(0, height - 1);
            pixels[hy * width + hx] = pixels[hy * width + hx + 1] = pixels[(hy + 1) * width + hx] = pixels[(hy + 1) * width + hx + 1] = 1_500_000;
        }
        for (int k = 0; k < 30; k++) pixels[rng.Next(pixels.Length)] = rng.Next(500, 100_000);
        for (int k = 0; k < 30; k++)
        {
            int cx = rng.Next(1, width - 1), cy = rng.Next(1, height - 1), peak = rng.Next(50, 5000);
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    pixels[(cy + dy) * width + cx + dx] = dx == 0 && dy == 0 ? peak : peak / 3;
        }
        var g = Geometry(width, height, rng.Next(0, width) + rng.NextDouble(), rng.Next(0, height) + rng.NextDouble());
        var fast = Preprocess.Run(pixels, width, height, g, size, 1_000_000).Pixels;
        Assert.Equal(PlainPool(pixels, width, height, g, size, 1_000_000), fast);
        // Zoomed channels: channel k pools the beam-centred square of half-width half / 2^k by the same rule.
        var zoomed = Preprocess.Run(pixels, width, height, g, size, 1_000_000, zoomLevels: 3);
        Assert.Equal(3, zoomed.Channels);
        for (int k = 0; k < 3; k++)
            Assert.Equal(PlainPool(pixels, width, height, g, size, 1_000_000, 1 << k), zoomed.Pixels.Skip(k * size * size).Take(size * size));
    }

    [Fact]
    public void ZoomedChannelsMagnifyAboutTheBeamAndLeaveOutWhatLiesBeyondThem()
    {
        // 64×64 detector, beam at the centre, pooled to 8×8: the whole square is 8 pixels per cell, the 2× zoom 4, the 4× zoom 2.
        var pixels = new int[64 * 64];
        void Spot(int x, int y, int peak)
        {
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    pixels[(y + dy) * 64 + x + dx] = dx == 0 && dy == 0 ? peak : peak / 2;
        }
        Spot(36, 36, 100); // 4 pixels from the beam: in all three squares
        Spot(56, 32, 900); // 24 pixels out along the fast axis: only in the whole square
        var input = Preprocess.Run(pixels, 64, 64, Geometry(64, 64, 32, 32), 8, zoomLevels: 3);
        float Cell(int k, int r, int c) => input.Pixels[k * 64 + r * 8 + c];
        Assert.Equal(MathF.Sqrt(900) * Preprocess.IntensityScale, Cell(0, 4, 7), 5);
        Assert.Equal(MathF.Sqrt(100) * Preprocess.IntensityScale, Cell(0, 4, 4), 5);
        Assert.Equal(MathF.Sqrt(100) * Preprocess.IntensityScale, Cell(1, 5, 5), 5); // (36 − 16) / 4
        Assert.Equal(MathF.Sqrt(100) * Preprocess.IntensityScale, Cell(2, 6, 6), 5); // (36 − 24) / 2
        // The bright spot lies outside both zooms: it is not folded into their edge cells.
        Assert.All(input.Pixels.Skip(64), v => Assert.True(v < MathF.Sqrt(900) * Preprocess.IntensityScale));
    }

    [Fact]
    public void WrongPixelCountIsAClearError()
    {
        var e = Assert.Throws<InvalidDataException>(() => Preprocess.Run(new int[10], 4, 4, Geometry(4, 4, 2, 2), 2));
        Assert.Contains("4×4", e.Message);
    }
}
