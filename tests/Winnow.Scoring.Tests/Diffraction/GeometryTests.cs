using Winnow.Formats.Cbf;
using Winnow.Formats.Geometry;
using Winnow.Scoring.Diffraction;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Diffraction;

public class GeometryTests
{
    [Theory]
    [InlineData(120, 0.7)]
    [InlineData(351, 0.96859)]
    [InlineData(500, 1.4)]
    public void RadiusFractionAndResolutionAreInverseAndAgreeWithFlatDetector(double distance, double wavelength)
    {
        var geometry = new FlatDetector(distance, (0.172, 0.172), (1231.5, 1263.5), wavelength, (2463, 2527));
        var input = new DiffractionInput(new float[4], 2, 1263.5, geometry);
        foreach (var d in new[] { 1.5, 2.0, 3.0, 5.0, 8.0 })
        {
            double f = input.RadiusFraction(d);
            Assert.Equal(d, input.ResolutionA(f), 9);
            // The pixel at that radius along the fast axis has d-spacing d by FlatDetector's Bragg's law.
            double fast = 1231.5 + f * input.HalfWidthPx;
            Assert.Equal(d, geometry.DSpacing(fast, 1263.5), 6);
        }
        // Higher resolution (smaller d) is farther out; a longer distance pushes the same d farther out.
        Assert.True(input.RadiusFraction(2) > input.RadiusFraction(4));
    }

    [Fact]
    public void SameResolutionMapsToDifferentRadiiAtDifferentDistancesButBackToTheSameAngstroms()
    {
        var near = new DiffractionInput(new float[4], 2, 1263, new FlatDetector(150, (0.172, 0.172), (1231, 1263), 1.0, (2463, 2527)));
        var far = new DiffractionInput(new float[4], 2, 1263, new FlatDetector(450, (0.172, 0.172), (1231, 1263), 1.0, (2463, 2527)));
        Assert.True(far.RadiusFraction(3) > 2.5 * near.RadiusFraction(3));
        Assert.Equal(3, near.ResolutionA(near.RadiusFraction(3)), 9);
        Assert.Equal(3, far.ResolutionA(far.RadiusFraction(3)), 9);
    }

    [Fact]
    public void RealThaumatinHeaderGivesTheSquareAndCornerResolution()
    {
        var image = CbfReader.Read(SharedData.Path("diffraction/thau_3_2_0001.cbf"));
        var input = Preprocess.Run(image);
        Assert.Equal(Preprocess.DefaultSize * Preprocess.DefaultSize, input.Pixels.Length);
        // Beam (1261.61, 1306.96) on 2463×2527: the farthest edge is slow = 0, 1306.96 px away (fast: 1261.61, 1201.39; slow: 1220.04 on the other side).
        Assert.Equal(1306.96, input.HalfWidthPx, 2);
        // Radius fraction 1 is the square's edge: same d as FlatDetector at that many pixels from the beam.
        Assert.Equal(image.Geometry.DSpacing(1261.61, 1306.96 - 1306.96), input.ResolutionA(1), 6);
        // Gaps and bad pixels leave no negative value.
        Assert.All(input.Pixels, v => Assert.True(v >= 0));
    }
}
