namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Detector geometry of a shot as dxtbx reports it for a miniCBF: flat detector normal to the beam, fast axis
/// along +x, slow axis along −y, beam along −z; pixel i spans [i, i+1) in pixel coordinates.
/// </summary>
public sealed record ShotGeometry(string Detector, int Width, int Height, double PixelSizeMm, double DistanceMm, double WavelengthA, double BeamX, double BeamY)
{
    /// <summary>The geometry of a spec.</summary>
    public static ShotGeometry Of(ShotSpec spec) =>
        new(spec.Detector.Name, spec.Detector.Width, spec.Detector.Height, spec.Detector.PixelSizeMm, spec.DistanceMm, spec.WavelengthA, spec.BeamX, spec.BeamY);

    /// <summary>Scattering angle 2θ (radians) at pixel coordinates (fast, slow).</summary>
    public double TwoTheta(double fast, double slow)
    {
        double r = PixelSizeMm * Math.Sqrt((fast - BeamX) * (fast - BeamX) + (slow - BeamY) * (slow - BeamY));
        return Math.Atan2(r, DistanceMm);
    }

    /// <summary>Resolution d = λ / (2 sin θ) in Å at pixel coordinates (fast, slow) (Bragg's law).</summary>
    public double ResolutionAt(double fast, double slow) => WavelengthA / (2 * Math.Sin(TwoTheta(fast, slow) / 2));

    /// <summary>The largest 1/d (Å⁻¹) on the detector: at its farthest corner from the beam.</summary>
    public double MaxInverseResolution()
    {
        double best = 0;
        foreach (var (x, y) in new[] { (0.0, 0.0), (Width, 0.0), (0.0, Height), ((double)Width, (double)Height) })
            best = Math.Max(best, 2 * Math.Sin(TwoTheta(x, y) / 2) / WavelengthA);
        return best;
    }

    /// <summary>Where the ray along <paramref name="direction"/> from the crystal meets the detector, or null if it misses the plane.</summary>
    public (double Fast, double Slow)? Project(Vec3 direction)
    {
        if (direction.Z >= -1e-9)
            return null;
        double t = -DistanceMm / direction.Z;
        return (BeamX + t * direction.X / PixelSizeMm, BeamY - t * direction.Y / PixelSizeMm);
    }
}
