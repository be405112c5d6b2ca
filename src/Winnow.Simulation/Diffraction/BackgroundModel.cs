namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Diffuse background as a smooth function of 1/d, scaled per pixel by its solid angle and the polarisation
/// factor; computed analytically in one pass over the image.
/// </summary>
internal static class BackgroundModel
{
    // Ring positions in 1/d (Å⁻¹). Vitreous ice / cold amorphous solvent peaks at 3.7 Å with a second maximum
    // near 2.2 Å (Dubochet et al., J. Microsc. 128, 219 (1982)); nylon loops and plastic mounts give a broad hump
    // near 4.5 Å.
    private const double WaterRing = 1 / 3.7, WaterWidth = 0.05, WaterRing2 = 1 / 2.2, WaterWidth2 = 0.06;
    private const double LoopRing = 1 / 4.5, LoopWidth = 0.06;
    private const double ReferencePixelMm = 0.172, ReferenceDistanceMm = 300;

    /// <summary>Background per reference pixel (172 µm at 300 mm, normal incidence, unpolarised) at 1/d = <paramref name="s"/>.</summary>
    public static double Profile(BackgroundSpec bg, double s)
    {
        // Air and mount scatter fall smoothly from the beam stop outwards; the blank thaumatin grid shots
        // (thau_3_2_0016) follow exp(−s²/2σ²) with σ ≈ 0.25–0.3 Å⁻¹ once the cos³2θ obliquity is divided out.
        double air = bg.Air * Math.Exp(-s * s / (2 * 0.27 * 0.27));
        double water = bg.Water * (Gauss(s, WaterRing, WaterWidth) + 0.35 * Gauss(s, WaterRing2, WaterWidth2));
        double loop = bg.Loop * Gauss(s, LoopRing, LoopWidth);
        double flat = bg.Flat * (0.5 + s);
        return air + water + loop + flat;
    }

    private static double Gauss(double x, double mu, double sigma) => Math.Exp(-(x - mu) * (x - mu) / (2 * sigma * sigma));

    /// <summary>Solid angle of one pixel relative to the reference pixel, at normal incidence.</summary>
    public static double PixelSolidAngle(ShotSpec spec)
    {
        double p = spec.Detector.PixelSizeMm / ReferencePixelMm, d = ReferenceDistanceMm / spec.DistanceMm;
        return p * p * d * d;
    }

    /// <summary>Azimuthal mean of the per-pixel background at 1/d = <paramref name="s"/> (used for the resolution label).</summary>
    public static double MeanPerPixel(ShotSpec spec, double s)
    {
        double sinTheta = s * spec.WavelengthA / 2;
        if (sinTheta >= 1)
            return 0;
        double cos2t = 1 - 2 * sinTheta * sinTheta;
        double sin2t2 = 1 - cos2t * cos2t;
        // A flat detector pixel subtends cos³2θ of its normal-incidence solid angle; the polarisation factor
        // averaged over azimuth is 1 − sin²2θ/2 whatever the degree of polarisation.
        return Profile(spec.Background, s) * PixelSolidAngle(spec) * cos2t * cos2t * cos2t * (1 - sin2t2 / 2);
    }

    /// <summary>Writes the expected background counts of every pixel into <paramref name="expected"/> (gap rows left at zero).</summary>
    public static void Fill(ShotSpec spec, float[] expected)
    {
        var det = spec.Detector;
        var geometry = ShotGeometry.Of(spec);
        double lambda = spec.WavelengthA, d = spec.DistanceMm, px = det.PixelSizeMm, f = spec.Polarization;
        // Tabulate the radial profile on a grid in (1/d)², which the per-pixel pass reaches without a sqrt or exp.
        double s2Max = Math.Pow(geometry.MaxInverseResolution(), 2) * 1.0001;
        const int n = 4096;
        var table = new double[n + 2];
        double solid = PixelSolidAngle(spec);
        for (int i = 0; i <= n + 1; i++)
            table[i] = Profile(spec.Background, Math.Sqrt(i * s2Max / n)) * solid;
        double toIndex = n / s2Max, twoOverLambda2 = 2 / (lambda * lambda), d2 = d * d, d3 = d * d * d;

        for (int row = 0; row < det.Height; row++)
        {
            if (det.IsGapRow(row))
                continue;
            double y = (row + 0.5 - spec.BeamY) * px;
            double y2 = y * y;
            int offset = row * det.Width;
            for (int col = 0; col < det.Width; col++)
            {
                double x = (col + 0.5 - spec.BeamX) * px;
                double x2 = x * x;
                double r2 = x2 + y2 + d2;
                double invR = 1 / Math.Sqrt(r2);
                double cos2t = d * invR;
                double s2 = (1 - cos2t) * twoOverLambda2;
                double t = s2 * toIndex;
                int k = (int)t;
                double frac = t - k;
                double radial = table[k] + (table[k + 1] - table[k]) * frac;
                // Polarisation: fraction f along x, 1 − f along y (Azároff 1955): P = 1 − f·ux² − (1−f)·uy².
                double invR2 = invR * invR;
                double pol = 1 - (f * x2 + (1 - f) * y2) * invR2;
                expected[offset + col] = (float)(radial * d3 * invR2 * invR * pol);
            }
        }
    }
}
