namespace Winnow.Simulation.Diffraction;

/// <summary>Simulates still diffraction images of protein crystals on photon-counting detectors.</summary>
public static class DiffractionSimulator
{
    /// <summary>Simulates a shot; the same spec and seed give the same pixels bit for bit, on any thread.</summary>
    public static SimulatedShot Simulate(ShotSpec spec, int seed) => SimulateDetailed(spec, SimRandom.Derive(seed, 0, 1), false).Shot;

    /// <summary>Draws spec and noise of shot number <paramref name="index"/> of a set seeded by <paramref name="seed"/>, in memory (no file).</summary>
    public static SimulatedShot Generate(int seed, long index, DetectorChoice detector)
    {
        var spec = ShotSpec.Random(new SimRandom(SimRandom.Derive(seed, index, 0)), detector);
        return SimulateDetailed(spec, SimRandom.Derive(seed, index, 1), false).Shot;
    }

    /// <summary>The shot together with its reflections and, when asked for, the noise-free expected image.</summary>
    internal static (SimulatedShot Shot, List<Reflection> Reflections, float[]? Expected) SimulateDetailed(ShotSpec spec, ulong noiseSeed, bool keepExpected)
    {
        var det = spec.Detector;
        int width = det.Width, height = det.Height;
        var expected = new float[width * height];
        BackgroundModel.Fill(spec, expected);

        var reflections = new List<Reflection>();
        if (spec.Class != ShotClass.Blank)
        {
            for (int i = 0; i < spec.Lattices.Count; i++)
                reflections.AddRange(ReflectionPredictor.Predict(spec, i));
            SpotRenderer.Render(reflections, spec.SpotSigmaMm / det.PixelSizeMm, expected, width, height);
        }
        ApplyBeamStop(spec, expected);
        float[]? kept = keepExpected ? (float[])expected.Clone() : null;

        var pixels = Sample(spec, expected, new SimRandom(noiseSeed));
        var label = new ShotLabel(spec.Class, ResolutionModel.Label(spec), spec.Lattices.Count);
        int recorded = reflections.Count(r => r.Counts >= 1);
        return (new SimulatedShot(pixels, width, height, ShotGeometry.Of(spec), label, spec, recorded), reflections, kept);
    }

    private static void ApplyBeamStop(ShotSpec spec, float[] expected)
    {
        var stop = spec.BeamStop;
        int width = spec.Detector.Width, height = spec.Detector.Height;
        float t = (float)stop.Transmission;
        // Only the shadow's bounding region is visited: the disc's box, then the arm's pixels row by row.
        double reach = Math.Sqrt((double)width * width + (double)height * height);
        double ex = stop.CentreX + reach * Math.Cos(stop.ArmAngle), ey = stop.CentreY + reach * Math.Sin(stop.ArmAngle);
        double pad = stop.RadiusPx + stop.ArmWidthPx;
        int yLo = (int)Math.Max(0, Math.Floor(Math.Min(stop.CentreY, ey) - pad));
        int yHi = (int)Math.Min(height - 1, Math.Ceiling(Math.Max(stop.CentreY, ey) + pad));
        double dirX = Math.Cos(stop.ArmAngle), dirY = Math.Sin(stop.ArmAngle);
        for (int y = yLo; y <= yHi; y++)
        {
            double py = y + 0.5;
            // The arm is a strip: along this row it covers the x where |across| ≤ w/2 (plus the disc).
            int xLo, xHi;
            if (Math.Abs(dirY) < 1e-9)
            {
                xLo = 0;
                xHi = width - 1;
            }
            else
            {
                double xc = stop.CentreX + (py - stop.CentreY) * dirX / dirY;
                double half = stop.ArmWidthPx / 2 / Math.Abs(dirY) + stop.RadiusPx + 2;
                xLo = (int)Math.Max(0, Math.Floor(Math.Min(xc, stop.CentreX) - half));
                xHi = (int)Math.Min(width - 1, Math.Ceiling(Math.Max(xc, stop.CentreX) + half));
            }
            int offset = y * width;
            for (int x = xLo; x <= xHi; x++)
            {
                if (stop.Shadows(x + 0.5, py))
                    expected[offset + x] *= t;
            }
        }
    }

    private static int[] Sample(ShotSpec spec, float[] expected, SimRandom rng)
    {
        var det = spec.Detector;
        int width = det.Width, height = det.Height, cutoff = det.CountCutoff;
        var pixels = new int[width * height];
        var gapColumn = new bool[width];
        for (int x = 0; x < width; x++)
            gapColumn[x] = det.IsGapColumn(x);
        for (int y = 0; y < height; y++)
        {
            int offset = y * width;
            if (det.IsGapRow(y))
            {
                pixels.AsSpan(offset, width).Fill(-1);
                continue;
            }
            for (int x = 0; x < width; x++)
            {
                if (gapColumn[x])
                {
                    pixels[offset + x] = -1;
                    continue;
                }
                int n = rng.Poisson(expected[offset + x]);
                pixels[offset + x] = n > cutoff ? cutoff : n;
            }
        }
        foreach (int i in det.BadPixelIndices)
            pixels[i] = -2;
        return pixels;
    }
}
