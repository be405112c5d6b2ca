using Winnow.Scoring.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class SpotFinderTests
{
    /// <summary>Poisson-like background (mean 5) with Gaussian spots at known sub-pixel centres.</summary>
    private static int[] Image(int width, int height, (double F, double S, double Peak)[] spots, int seed = 1)
    {
        var rng = new Random(seed);
        var pixels = new int[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            // Knuth's Poisson sampler, mean 5.
            double l = Math.Exp(-5), p = 1;
            int k = 0;
            do { k++; p *= rng.NextDouble(); } while (p > l);
            pixels[i] = k - 1;
        }
        foreach (var (f, s, peak) in spots)
            for (int y = Math.Max(0, (int)s - 4); y <= Math.Min(height - 1, (int)s + 4); y++)
                for (int x = Math.Max(0, (int)f - 4); x <= Math.Min(width - 1, (int)f + 4); x++)
                {
                    double dx = x + 0.5 - f, dy = y + 0.5 - s;
                    pixels[y * width + x] += (int)Math.Round(peak * Math.Exp(-(dx * dx + dy * dy) / (2 * 0.8 * 0.8)));
                }
        return pixels;
    }

    [Fact]
    public void FindsEachSpotAtItsCentroidAndNothingInTheBackground()
    {
        (double, double, double)[] truth = [(20.3, 30.7, 300), (80.5, 12.2, 120), (55.9, 70.1, 60)];
        var spots = SpotFinder.Find(Image(100, 90, truth), 100, 90);
        Assert.Equal(3, spots.Count);
        foreach (var (f, s, _) in truth)
        {
            var found = spots.MinBy(p => Math.Abs(p.Fast - f) + Math.Abs(p.Slow - s));
            Assert.InRange(found.Fast, f - 0.25, f + 0.25);
            Assert.InRange(found.Slow, s - 0.25, s + 0.25);
            Assert.True(found.PixelCount >= SpotFinder.MinPixels);
        }
    }

    [Fact]
    public void ALoneHotPixelMaskedPixelsAndOverloadsAreNotSpots()
    {
        var pixels = Image(60, 60, []);
        pixels[30 * 60 + 30] = 5000;                                // a zinger: one pixel
        for (int x = 0; x < 60; x++) pixels[20 * 60 + x] = -1;      // a module gap across the image
        pixels[40 * 60 + 10] = pixels[40 * 60 + 11] = 2_000_000;    // above the trusted range
        Assert.Empty(SpotFinder.Find(pixels, 60, 60, maxTrusted: 1_000_000));
    }

    [Fact]
    public void StreamingBoxSumsAgreeWithTheNaiveRule()
    {
        // Spots near every edge and corner, where the sliding window is short: the pixels called strong must be exactly
        // those the definition gives when each box is summed from scratch.
        var pixels = Image(37, 41, [(1.5, 1.5, 200), (35.2, 39.4, 200), (18, 2.1, 90), (2.2, 20.6, 150), (30, 30, 40)], seed: 7);
        pixels[5 * 37 + 30] = -2;
        var spots = SpotFinder.Find(pixels, 37, 41);
        int naive = NaiveStrongPixels(pixels, 37, 41);
        Assert.Equal(naive, spots.Sum(s => s.PixelCount) + LoneStrong(pixels, 37, 41, spots));
        Assert.True(spots.Count >= 4);
    }

    [Fact]
    public void OnABrightBackgroundTheFloatPreTestMissesNoStrongPixel()
    {
        // Background near 300,000 counts (float's mantissa no longer holds the box sums exactly), spots just above
        // and just below the 4σ rule: the strong pixels must be exactly the naive rule's.
        var rng = new Random(11);
        var pixels = new int[48 * 40];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = 300_000 + rng.Next(-500, 500);
        foreach (var (x, y, add) in new[] { (10, 10, 2600), (30, 12, 2200), (20, 30, 2100), (40, 25, 3000) })
        {
            pixels[y * 48 + x] += add;
            pixels[y * 48 + x + 1] += add;
        }
        var spots = SpotFinder.Find(pixels, 48, 40);
        Assert.Equal(NaiveStrongPixels(pixels, 48, 40), spots.Sum(s => s.PixelCount) + LoneStrong(pixels, 48, 40, spots));
        Assert.InRange(spots.Count, 1, 4);
    }

    [Fact]
    public void PixelsBrighterThanThePackedSumsHoldGiveTheNaiveRulesStrongPixels()
    {
        // A counting-detector background of a few counts with spots of 10⁵–10⁶ counts (past the packed box sums' clamp) and
        // a ring of modest pixels around them: their means must come from the real values, as in the naive rule.
        var rng = new Random(12);
        var pixels = new int[60 * 50];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.Next(0, 6);
        foreach (var (x, y, peak) in new[] { (12, 10, 900_000), (40, 20, 150_000), (25, 38, 400_000) })
        {
            pixels[y * 60 + x] = peak;
            pixels[y * 60 + x + 1] = peak / 3;
            for (int d = 2; d <= 4; d++) pixels[y * 60 + x + d] = 6_000 + rng.Next(0, 6_000); // strong or not, depending on the true mean
        }
        var spots = SpotFinder.Find(pixels, 60, 50);
        Assert.Equal(NaiveStrongPixels(pixels, 60, 50), spots.Sum(s => s.PixelCount) + LoneStrong(pixels, 60, 50, spots));
        Assert.Equal(3, spots.Count);
    }

    private static bool IsStrong(int[] pixels, int width, int height, int x, int y)
    {
        int v = pixels[y * width + x];
        if (v < 0) return false;
        long sum = 0;
        int count = 0;
        for (int yy = Math.Max(0, y - SpotFinder.HalfBox); yy <= Math.Min(height - 1, y + SpotFinder.HalfBox); yy++)
            for (int xx = Math.Max(0, x - SpotFinder.HalfBox); xx <= Math.Min(width - 1, x + SpotFinder.HalfBox); xx++)
                if (pixels[yy * width + xx] >= 0) { sum += pixels[yy * width + xx]; count++; }
        int box = 2 * SpotFinder.HalfBox + 1;
        if (count < box * box / 2) return false;
        double mean = (double)sum / count;
        return v > mean + SpotFinder.MinExcessCounts && v > mean + SpotFinder.Sigmas * Math.Sqrt(Math.Max(mean, 0.5));
    }

    private static int NaiveStrongPixels(int[] pixels, int width, int height)
    {
        int n = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (IsStrong(pixels, width, height, x, y)) n++;
        return n;
    }

    /// <summary>Strong pixels with no strong 4-neighbour (single-pixel components, which Find drops).</summary>
    private static int LoneStrong(int[] pixels, int width, int height, List<Spot> spots)
    {
        int n = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (!IsStrong(pixels, width, height, x, y)) continue;
                bool neighbour = (x > 0 && IsStrong(pixels, width, height, x - 1, y)) || (x < width - 1 && IsStrong(pixels, width, height, x + 1, y))
                    || (y > 0 && IsStrong(pixels, width, height, x, y - 1)) || (y < height - 1 && IsStrong(pixels, width, height, x, y + 1));
                if (!neighbour) n++;
            }
        return n;
    }
}
