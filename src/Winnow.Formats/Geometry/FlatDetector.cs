namespace Winnow.Formats.Geometry;

/// <summary>
/// A flat detector normal to the beam: converts pixels to scattering angle 2θ and to d-spacing (Å) by Bragg's law,
/// d = λ / (2 sin θ), with tan 2θ = r / distance.
/// </summary>
/// <param name="DistanceMm">Sample-to-detector distance.</param>
/// <param name="PixelSizeMm">Pixel size (fast, slow).</param>
/// <param name="BeamCentrePx">Direct-beam position (fast, slow), pixel i spanning [i, i+1).</param>
/// <param name="WavelengthA">Wavelength.</param>
/// <param name="ImageSize">Pixels (fast, slow).</param>
public readonly record struct FlatDetector(
    double DistanceMm, (double Fast, double Slow) PixelSizeMm, (double Fast, double Slow) BeamCentrePx,
    double WavelengthA, (int Fast, int Slow) ImageSize)
{
    /// <summary>Distance in mm in the detector plane from the beam centre to the point (fast, slow) in pixel coordinates.</summary>
    public double RadiusMm(double fast, double slow) =>
        Math.Sqrt(Sq((fast - BeamCentrePx.Fast) * PixelSizeMm.Fast) + Sq((slow - BeamCentrePx.Slow) * PixelSizeMm.Slow));

    /// <summary>Scattering angle 2θ in radians at the point (fast, slow) in pixel coordinates.</summary>
    public double TwoTheta(double fast, double slow) => Math.Atan2(RadiusMm(fast, slow), DistanceMm);

    /// <summary>Scattering angle 2θ in radians at the centre of pixel (i, j).</summary>
    public double TwoThetaOfPixel(int i, int j) => TwoTheta(i + 0.5, j + 0.5);

    /// <summary>d-spacing in Å at the point (fast, slow); infinity at the beam centre.</summary>
    public double DSpacing(double fast, double slow) => DSpacingFromTwoTheta(TwoTheta(fast, slow), WavelengthA);

    /// <summary>d-spacing in Å at the centre of pixel (i, j).</summary>
    public double DSpacingOfPixel(int i, int j) => DSpacing(i + 0.5, j + 0.5);

    /// <summary>Bragg's law: d = λ / (2 sin θ).</summary>
    public static double DSpacingFromTwoTheta(double twoTheta, double wavelengthA) =>
        twoTheta <= 0 ? double.PositiveInfinity : wavelengthA / (2 * Math.Sin(twoTheta / 2));

    /// <summary>Resolution (Å) of the largest full circle on the detector: at the nearest edge.</summary>
    public double EdgeResolution()
    {
        var (bf, bs) = BeamCentrePx;
        double f = Math.Min(Math.Clamp(bf, 0, ImageSize.Fast), ImageSize.Fast - Math.Clamp(bf, 0, ImageSize.Fast)) * PixelSizeMm.Fast;
        double s = Math.Min(Math.Clamp(bs, 0, ImageSize.Slow), ImageSize.Slow - Math.Clamp(bs, 0, ImageSize.Slow)) * PixelSizeMm.Slow;
        return DSpacingFromTwoTheta(Math.Atan2(Math.Min(f, s), DistanceMm), WavelengthA);
    }

    /// <summary>Highest resolution (Å) recorded anywhere: at the farthest corner.</summary>
    public double CornerResolution()
    {
        double best = 0;
        foreach (var (f, s) in new[] { (0.0, 0.0), (ImageSize.Fast, 0.0), (0.0, ImageSize.Slow), ((double)ImageSize.Fast, (double)ImageSize.Slow) })
            best = Math.Max(best, RadiusMm(f, s));
        return DSpacingFromTwoTheta(Math.Atan2(best, DistanceMm), WavelengthA);
    }

    private static double Sq(double x) => x * x;
}
