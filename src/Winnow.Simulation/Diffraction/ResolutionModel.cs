namespace Winnow.Simulation.Diffraction;

/// <summary>
/// The resolution label: the smallest d (largest 1/d) at which a fully recorded reflection of mean intensity
/// (|F|² = Σ, partiality 1, strongest lattice) still has integrated I/σ ≥ <see cref="IOverSigmaThreshold"/>
/// against the azimuthally averaged background under its footprint. Scanned from the detector corner inwards,
/// so a dip at the ice ring does not end it; capped at the detector corner; NaN when no spot ever reaches the
/// threshold (blank shots).
/// </summary>
public static class ResolutionModel
{
    /// <summary>Integrated I/σ of the mean reflection at which spots count as vanished into the background.</summary>
    public const double IOverSigmaThreshold = 5.0;

    private const int Steps = 4000;

    /// <summary>Effective number of background pixels under a Gaussian spot (4πσ², the profile-fitting noise area).</summary>
    public static double SpotArea(ShotSpec spec)
    {
        double sigmaPx = spec.SpotSigmaMm / spec.Detector.PixelSizeMm;
        return 4 * Math.PI * sigmaPx * sigmaPx;
    }

    /// <summary>Counts in a fully recorded mean reflection of lattice scale <paramref name="latticeScale"/> at 1/d = <paramref name="s"/>.</summary>
    public static double MeanSpotCounts(ShotSpec spec, double s, double latticeScale = 1)
    {
        double sinTheta = s * spec.WavelengthA / 2;
        double sin2t2 = 4 * sinTheta * sinTheta * (1 - sinTheta * sinTheta);
        // Wilson (1942): mean intensity falls as exp(−2B (sinθ/λ)²) = exp(−B s²/2); polarisation averaged over azimuth.
        return spec.Scale * latticeScale * Math.Exp(-spec.BFactor * s * s / 2) * (1 - sin2t2 / 2);
    }

    /// <summary>Integrated I/σ of the mean fully recorded reflection at 1/d = <paramref name="s"/> (Poisson noise of spot and background).</summary>
    public static double IOverSigma(ShotSpec spec, double s, double latticeScale = 1)
    {
        double n = MeanSpotCounts(spec, s, latticeScale);
        double b = SpotArea(spec) * BackgroundModel.MeanPerPixel(spec, s);
        return n <= 0 ? 0 : n / Math.Sqrt(n + b);
    }

    /// <summary>The scale that puts the threshold exactly at resolution <paramref name="d"/> (Å).</summary>
    public static double ScaleForResolution(ShotSpec spec, double d)
    {
        double s = 1 / d, t = IOverSigmaThreshold;
        double b = SpotArea(spec) * BackgroundModel.MeanPerPixel(spec, s);
        // Solve n / sqrt(n + b) = t for n.
        double n = (t * t + Math.Sqrt(t * t * t * t + 4 * t * t * b)) / 2;
        double perUnitScale = MeanSpotCounts(spec with { Scale = 1 }, s);
        return n / perUnitScale;
    }

    /// <summary>The label in Å for a spec (see the type's summary), NaN for blank shots.</summary>
    public static double Label(ShotSpec spec)
    {
        if (spec.Class == ShotClass.Blank || spec.Scale <= 0)
            return double.NaN;
        double strongest = spec.Lattices.Max(l => l.Scale);
        double sMax = ShotGeometry.Of(spec).MaxInverseResolution();
        for (int i = Steps; i >= 1; i--)
        {
            double s = sMax * i / Steps;
            if (IOverSigma(spec, s, strongest) >= IOverSigmaThreshold)
                return 1 / s;
        }
        return double.NaN;
    }
}
