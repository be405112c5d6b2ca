using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

public class ResolutionLabelTests
{
    [Fact]
    public void Label_gets_worse_as_B_grows()
    {
        var spec = TestShots.Single(ProteinCrystal.Named("proteinase K"), Mat3.Identity, scale: 300);
        double previous = 0;
        var labels = new List<double>();
        foreach (double b in new[] { 8.0, 15, 25, 40, 60, 90, 130, 200 })
        {
            double d = ResolutionModel.Label(spec with { BFactor = b });
            Assert.False(double.IsNaN(d));
            Assert.True(d >= previous, $"B={b}: d={d} after {previous}");
            previous = d;
            labels.Add(d);
        }
        Assert.True(labels[^1] > 2 * labels[0], string.Join(", ", labels));
    }

    [Fact]
    public void Label_is_where_the_mean_spot_reaches_the_threshold()
    {
        var spec = TestShots.Single(ProteinCrystal.Named("lysozyme"), Mat3.Identity, b: 60, scale: 200);
        double d = ResolutionModel.Label(spec);
        double sMax = ShotGeometry.Of(spec).MaxInverseResolution();
        Assert.InRange(1 / d, 0, sMax);
        Assert.InRange(ResolutionModel.IOverSigma(spec, 1 / d), ResolutionModel.IOverSigmaThreshold, ResolutionModel.IOverSigmaThreshold * 1.05);
        // Beyond the label the mean spot stays under the threshold all the way to the corner.
        for (double s = 1 / d + 0.005; s <= sMax; s += 0.005)
            Assert.True(ResolutionModel.IOverSigma(spec, s) < ResolutionModel.IOverSigmaThreshold, $"I/σ above threshold at d={1 / s}");
    }

    [Fact]
    public void Scale_for_a_target_puts_the_label_at_the_target()
    {
        var spec = TestShots.Single(ProteinCrystal.Named("insulin"), Mat3.Identity, b: 40);
        foreach (double target in new[] { 2.0, 2.8, 4.0 })
        {
            var tuned = spec with { Scale = ResolutionModel.ScaleForResolution(spec, target) };
            Assert.Equal(target, ResolutionModel.Label(tuned), 1);
        }
    }

    [Fact]
    public void Label_is_capped_at_the_detector_corner()
    {
        var spec = TestShots.Single(ProteinCrystal.Named("insulin"), Mat3.Identity, b: 5, scale: 1e7);
        double corner = 1 / ShotGeometry.Of(spec).MaxInverseResolution();
        Assert.Equal(corner, ResolutionModel.Label(spec), 9);
    }
}
