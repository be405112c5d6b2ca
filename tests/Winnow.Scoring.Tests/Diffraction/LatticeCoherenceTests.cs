using Winnow.Formats.Geometry;
using Winnow.Scoring.Diffraction;
using Winnow.Simulation.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class LatticeCoherenceTests
{
    private const double Wavelength = 1.0;

    /// <summary>Reciprocal-lattice points of a cubic cell (reciprocal spacing <paramref name="spacing"/> Å⁻¹) rotated by
    /// <paramref name="rotation"/>, kept where they lie within <paramref name="shell"/> of the Ewald sphere and inside 2 Å
    /// resolution: what one still records.</summary>
    private static List<Vec3> StillOfLattice(double spacing, Mat3 rotation, double shell)
    {
        double k = 1 / Wavelength;
        var centre = new Vec3(0, 0, -k); // s = s1 − s0 with s0 along +z: the sphere is centred at −s0
        var points = new List<Vec3>();
        int max = (int)(0.5 / spacing) + 1;
        for (int h = -max; h <= max; h++)
            for (int kk = -max; kk <= max; kk++)
                for (int l = -max; l <= max; l++)
                {
                    var s = rotation * new Vec3(h * spacing, kk * spacing, l * spacing);
                    double length = s.Length;
                    if (length == 0 || length > 0.5) continue;
                    if (Math.Abs((s - centre).Length - k) <= shell) points.Add(s);
                }
        return points;
    }

    [Fact]
    public void OneLatticeIsCoherentTwoMisorientedLatticesAreNot()
    {
        var u = Mat3.Rotation(new Vec3(0.3, 0.5, 0.8).Normalized(), 0.4);
        var single = StillOfLattice(1 / 60.0, u, 0.002);
        var second = StillOfLattice(1 / 60.0, Mat3.Rotation(new Vec3(1, 0.2, 0.1).Normalized(), 15 * Math.PI / 180) * u, 0.002);
        Assert.True(single.Count > 200, $"{single.Count} spots");
        double one = LatticeCoherence.Of(single);
        double two = LatticeCoherence.Of(single.Concat(second).ToList());
        Assert.True(one > 0.8, $"single lattice coherence {one:F3}");
        Assert.True(two < one - 0.2, $"two lattices {two:F3} vs one {one:F3}");
    }

    [Fact]
    public void RandomPointsAndTooFewSpotsHaveNoCoherence()
    {
        var rng = new Random(5);
        var random = Enumerable.Range(0, 400).Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() * 0.1)).ToList();
        Assert.True(LatticeCoherence.Of(random) < 0.1);
        Assert.Equal(0, LatticeCoherence.Of(random.Take(LatticeCoherence.MinSpots - 1).ToList()));
    }

    [Fact]
    public void SpotsMapToReciprocalSpaceByBraggsLaw()
    {
        var geometry = new FlatDetector(200, (0.172, 0.172), (100, 100), Wavelength, (1000, 1000));
        var s = LatticeCoherence.ToReciprocal([new Spot(100, 100, 3, 10), new Spot(100 + 300, 100, 3, 5)], geometry);
        Assert.Equal(0, s[0].Length, 12);                     // the direct beam: s1 = s0
        double twoTheta = Math.Atan2(300 * 0.172, 200);
        Assert.Equal(2 * Math.Sin(twoTheta / 2) / Wavelength, s[1].Length, 9); // |s| = 1/d = 2 sin θ / λ
        Assert.True(s[1].X > 0 && Math.Abs(s[1].Y) < 1e-12);
    }

    [Fact]
    public void ASplitCrystalGivesSpotsWithCloseTwins()
    {
        // A second lattice turned by 1°: its spots sit beside the first one's (θ·|s| ≈ 0.005 Å⁻¹ at 3 Å), a fraction of a
        // neighbour distance away; one lattice alone has no such twins.
        var u = Mat3.Rotation(new Vec3(0.3, 0.5, 0.8).Normalized(), 0.4);
        var single = StillOfLattice(1 / 60.0, u, 0.003);
        var split = StillOfLattice(1 / 60.0, Mat3.Rotation(new Vec3(0.1, 1, 0.2).Normalized(), 1 * Math.PI / 180) * u, 0.003);
        var alone = LatticeCoherence.Analyse(single);
        var both = LatticeCoherence.Analyse(single.Concat(split).ToList());
        Assert.True(alone.CloseShare < 0.02, $"one lattice: {alone.CloseShare:F3}");
        Assert.True(both.CloseShare > 0.2, $"split: {both.CloseShare:F3}");
    }
}
