using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

public class BraggGeometryTests
{
    // Cubic cell with a* along x; turning it about y by −θ puts (h00) exactly on the Ewald sphere.
    private static (ShotSpec Spec, double D) OnEwaldSphere(int h, double a = 50)
    {
        double d = a / h, lambda = 1.0;
        double theta = Math.Asin(lambda / (2 * d));
        var u = Mat3.Rotation(new Vec3(0, 1, 0), -theta);
        return (TestShots.Single(TestShots.Cubic(a), u), d);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(17)]
    public void Reflection_in_diffracting_position_lands_where_Braggs_law_says(int h)
    {
        var (spec, d) = OnEwaldSphere(h);
        var reflections = ReflectionPredictor.Predict(spec, 0);
        var r = Assert.Single(reflections, x => x.H == h && x.K == 0 && x.L == 0);
        Assert.Equal(1.0, r.Partiality, 9);

        var geometry = ShotGeometry.Of(spec);
        double twoTheta = geometry.TwoTheta(r.Fast, r.Slow);
        // 2 d sinθ = λ, from the pixel position alone.
        Assert.Equal(spec.WavelengthA, 2 * d * Math.Sin(twoTheta / 2), 9);
        Assert.Equal(d, geometry.ResolutionAt(r.Fast, r.Slow), 7);
        // The a* axis points along +x (fast) once turned, so the spot lies on the beam row, to larger fast.
        Assert.Equal(spec.BeamY, r.Slow, 6);
        Assert.True(r.Fast > spec.BeamX);
    }

    [Fact]
    public void Every_full_reflection_obeys_Braggs_law()
    {
        var u = Orientation.RandomRotation(new SimRandom(7));
        var spec = TestShots.Single(ProteinCrystal.Named("lysozyme"), u);
        var geometry = ShotGeometry.Of(spec);
        var full = ReflectionPredictor.Predict(spec, 0).Where(r => r.Partiality > 0.999).ToList();
        Assert.True(full.Count > 20, $"only {full.Count} fully recorded reflections");
        foreach (var r in full)
        {
            double sinTheta = Math.Sin(geometry.TwoTheta(r.Fast, r.Slow) / 2);
            // Partiality > 0.999 allows an excitation error of 0.045σ: Bragg's law to a few parts in 10⁴.
            Assert.InRange(2 * (1 / r.InverseD) * sinTheta / spec.WavelengthA, 0.999, 1.001);
        }
    }

    [Fact]
    public void Rendered_spot_centroid_is_at_the_predicted_pixel()
    {
        var (spec, _) = OnEwaldSphere(9);
        spec = spec with { Scale = 2e6 };
        var (shot, reflections, _) = DiffractionSimulator.SimulateDetailed(spec, 99, false);
        var background = TestShots.ExpectedBackground(spec);
        var r = reflections.Single(x => x.H == 9 && x.K == 0 && x.L == 0);
        Assert.True(r.Counts > 1e4, $"spot too weak for a precise centroid: {r.Counts} counts");

        double sum = 0, sx = 0, sy = 0;
        int cx = (int)r.Fast, cy = (int)r.Slow;
        for (int y = cy - 6; y <= cy + 6; y++)
            for (int x = cx - 6; x <= cx + 6; x++)
            {
                int v = shot.Pixels[y * shot.Width + x];
                Assert.True(v >= 0, "test spot must not touch a module gap");
                double signal = v - background[y * shot.Width + x];
                sum += signal;
                sx += signal * (x + 0.5);
                sy += signal * (y + 0.5);
            }
        Assert.InRange(Math.Abs(sx / sum - r.Fast), 0, 0.03);
        Assert.InRange(Math.Abs(sy / sum - r.Slow), 0, 0.03);
        // And the whole spot is there: the pixel-integrated Gaussian keeps every photon.
        Assert.InRange(sum / r.Counts, 0.98, 1.02);
    }

    [Fact]
    public void Systematic_absences_follow_the_screw_axes()
    {
        var g = SpaceGroup.P43212;
        Assert.True(g.IsAbsent(0, 0, 2));
        Assert.False(g.IsAbsent(0, 0, 4));
        Assert.True(g.IsAbsent(3, 0, 0));
        Assert.False(g.IsAbsent(3, 1, 0));
        Assert.True(SpaceGroup.I222.IsAbsent(1, 1, 1));
        Assert.False(SpaceGroup.I222.IsAbsent(1, 1, 0));
        Assert.True(SpaceGroup.P6122.IsAbsent(0, 0, 3));
        Assert.False(SpaceGroup.P6122.IsAbsent(0, 0, 12));
        // Centric zones of 222: one index zero; general reflections acentric.
        Assert.True(SpaceGroup.P212121.IsCentric(3, 0, 5));
        Assert.False(SpaceGroup.P212121.IsCentric(3, 2, 5));
        Assert.False(SpaceGroup.P1.IsCentric(1, 0, 0));
        // Equivalents share one representative: 4-fold and Friedel mate in P43212.
        Assert.Equal(g.Representative(3, 5, 7), g.Representative(-5, 3, 7));
        Assert.Equal(g.Representative(3, 5, 7), g.Representative(-3, -5, -7));
        Assert.Equal(8, g.Order);
        Assert.Equal(12, SpaceGroup.P6122.Order);
        Assert.Equal(24, SpaceGroup.F432.Order);
    }

    [Fact]
    public void Random_orientations_are_uniform_on_the_rotation_group()
    {
        var rng = new SimRandom(3);
        int n = 20000;
        double mz = 0, zz = 0, traceMean = 0;
        for (int i = 0; i < n; i++)
        {
            var r = Orientation.RandomRotation(rng);
            Assert.Equal(1.0, r.Determinant, 9);
            var v = r * new Vec3(0, 0, 1);
            mz += v.Z;
            zz += v.Z * v.Z;
            traceMean += r.M00 + r.M11 + r.M22;
        }
        // Haar measure: a rotated axis is uniform on the sphere (mean 0, ⟨z²⟩ = 1/3) and E[trace] = 0.
        Assert.InRange(mz / n, -0.02, 0.02);
        Assert.InRange(zz / n, 0.32, 0.345);
        Assert.InRange(traceMean / n, -0.03, 0.03);
    }
}
