using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

/// <summary>Hand-built specs and a small spot counter shared by the tests.</summary>
internal static class TestShots
{
    /// <summary>A single-lattice spec on the given detector with quiet background and a strong crystal.</summary>
    public static ShotSpec Single(ProteinCrystal crystal, Mat3 orientation, DetectorModel? detector = null, double b = 20, double scale = 2000)
    {
        var det = detector ?? DetectorModel.Pilatus6M;
        return new ShotSpec(
            det, DistanceMm: 250, WavelengthA: 1.0, BeamX: 1231.3, BeamY: 1300.6 * det.Height / 2527.0,
            Crystal: crystal, Lattices: [new LatticeSpec(orientation, 1, 0)],
            BFactor: b, TargetResolutionA: 2, Scale: scale,
            MosaicDeg: 0.1, Bandwidth: 5e-4, DomainSizeA: 5000, SpotSigmaMm: 0.2,
            Background: new BackgroundSpec(Air: 2, Water: 1, Loop: 0, Flat: 0.1),
            BeamStop: new BeamStopSpec(1231.3, 1300.6 * det.Height / 2527.0, 12, 6, Math.PI, 0.02),
            Polarization: 0.99, StructureSeed: 12345);
    }

    /// <summary>The same spec with no crystal: its expected image is the background the spots sit on.</summary>
    public static ShotSpec Blank(ShotSpec spec) => spec with { Crystal = null, Lattices = [] };

    /// <summary>Noise-free background image of a spec (with beam-stop shadow).</summary>
    public static float[] ExpectedBackground(ShotSpec spec) => DiffractionSimulator.SimulateDetailed(Blank(spec), 1, true).Expected!;

    /// <summary>
    /// Counts spots as 8-connected groups of at least 3 pixels each above the known background by more than
    /// 4σ (Poisson) + 2 counts: a false alarm needs three adjacent 4σ excursions, which pure noise over a
    /// 6M detector practically never gives.
    /// </summary>
    public static int CountSpots(int[] pixels, float[] background, int width, int height)
    {
        var strong = new bool[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
            strong[i] = pixels[i] >= 0 && pixels[i] > background[i] + 4 * Math.Sqrt(background[i]) + 2;
        var seen = new bool[pixels.Length];
        var stack = new Stack<int>();
        int spots = 0;
        for (int start = 0; start < pixels.Length; start++)
        {
            if (!strong[start] || seen[start])
                continue;
            int size = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                size++;
                int x = p % width, y = p / width;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                            continue;
                        int q = ny * width + nx;
                        if (strong[q] && !seen[q])
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
            }
            if (size >= 3)
                spots++;
        }
        return spots;
    }

    /// <summary>A P1 cubic test crystal with cell edge <paramref name="a"/>.</summary>
    public static ProteinCrystal Cubic(double a) => new("cubic test", new UnitCell(a, a, a, 90, 90, 90), SpaceGroup.P1);
}
