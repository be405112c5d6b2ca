using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

public class IntensityStatisticsTests
{
    private static List<Reflection> ManyReflections(string crystal, int shots)
    {
        var all = new List<Reflection>();
        var rng = new SimRandom(11);
        for (int i = 0; i < shots; i++)
        {
            var spec = TestShots.Single(ProteinCrystal.Named(crystal), Orientation.RandomRotation(rng)) with { StructureSeed = (ulong)(1000 + i) };
            all.AddRange(ReflectionPredictor.Predict(spec, 0));
        }
        return all;
    }

    [Fact]
    public void Acentric_intensities_follow_Wilsons_exponential_law()
    {
        var acentric = ManyReflections("trypsin", 4).Where(r => !r.Centric).Select(r => r.F2).ToArray();
        Assert.True(acentric.Length > 5000, $"{acentric.Length} acentric reflections");
        double m1 = acentric.Average(), m2 = acentric.Average(x => x * x);
        // Exponential with mean Σ: <I> = Σ, <I²>/<I>² = 2, P(I < Σ) = 1 − 1/e.
        Assert.InRange(m1, 0.95, 1.05);
        Assert.InRange(m2 / (m1 * m1), 1.85, 2.15);
        Assert.InRange(acentric.Count(x => x < m1) / (double)acentric.Length, 0.61, 0.655);
    }

    [Fact]
    public void Centric_intensities_have_the_wider_centric_distribution()
    {
        var centric = ManyReflections("trypsin", 30).Where(r => r.Centric).Select(r => r.F2).ToArray();
        Assert.True(centric.Length > 500, $"{centric.Length} centric reflections");
        double m1 = centric.Average(), m2 = centric.Average(x => x * x);
        // Centric: |F|²/Σ is χ²₁, so <I²>/<I>² = 3.
        Assert.InRange(m1, 0.85, 1.15);
        Assert.InRange(m2 / (m1 * m1), 2.5, 3.5);
    }

    [Fact]
    public void Symmetry_equivalents_share_their_intensity()
    {
        var g = SpaceGroup.P43212;
        double a = StructureFactor.Intensity(5, g, 3, 5, 7, false);
        Assert.Equal(a, StructureFactor.Intensity(5, g, -5, 3, 7, false));
        Assert.Equal(a, StructureFactor.Intensity(5, g, -3, -5, -7, false));
        Assert.NotEqual(a, StructureFactor.Intensity(6, g, 3, 5, 7, false));
    }

    [Fact]
    public void Mean_intensity_falls_with_the_Wilson_B_factor()
    {
        // Wilson plot: ln <I/partiality> against s² has slope −B/2 (I ∝ exp(−2B sin²θ/λ²)).
        const double b = 30;
        var rng = new SimRandom(5);
        var points = new List<(double S2, double I)>();
        for (int i = 0; i < 4; i++)
        {
            var spec = TestShots.Single(ProteinCrystal.Named("thermolysin"), Orientation.RandomRotation(rng), b: b) with { StructureSeed = (ulong)i };
            points.AddRange(ReflectionPredictor.Predict(spec, 0).Where(r => r.Partiality > 0.05)
                .Select(r => (r.InverseD * r.InverseD, r.Counts / r.Partiality / spec.Scale)));
        }
        var shells = points.GroupBy(p => (int)(p.S2 / 0.02)).Where(g => g.Count() > 100)
            .Select(g => (S2: g.Average(p => p.S2), LnI: Math.Log(g.Average(p => p.I)))).ToArray();
        Assert.True(shells.Length >= 6, $"{shells.Length} shells");
        double mx = shells.Average(s => s.S2), my = shells.Average(s => s.LnI);
        double slope = shells.Sum(s => (s.S2 - mx) * (s.LnI - my)) / shells.Sum(s => (s.S2 - mx) * (s.S2 - mx));
        Assert.InRange(-2 * slope, 0.85 * b, 1.15 * b);
    }
}
