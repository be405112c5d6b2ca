namespace Winnow.Formats.Diffraction;

/// <summary>One detector panel: its pixels (row-major, fast index first) and where the beam hits it.</summary>
/// <param name="Width">Pixels along the fast axis.</param>
/// <param name="Height">Pixels along the slow axis.</param>
/// <param name="Pixels">Counts; -1 marks gaps between modules and -2 bad pixels (see <see cref="PixelMask"/>).</param>
/// <param name="BeamCentrePx">Where the direct beam meets the panel plane, in pixels (fast, slow), pixel i spanning [i, i+1).</param>
public sealed record DetectorPanel(int Width, int Height, int[] Pixels, (double Fast, double Slow) BeamCentrePx);

/// <summary>A diffraction image with the experiment geometry its header records; values in mm, Å, s, degrees.</summary>
public sealed record DetectorImage
{
    /// <summary>The file it came from.</summary>
    public required string Path { get; init; }
    /// <summary>Format and variant, e.g. "miniCBF PILATUS_1.2" or "SMV TimePix_SU".</summary>
    public required string Format { get; init; }
    /// <summary>Detector description from the header, if any.</summary>
    public string Detector { get; init; } = "";
    /// <summary>Panels; most detectors have one. Panel 0 is what the top-level properties describe.</summary>
    public required IReadOnlyList<DetectorPanel> Panels { get; init; }
    /// <summary>Pixel size in mm (fast, slow).</summary>
    public required (double Fast, double Slow) PixelSizeMm { get; init; }
    /// <summary>Wavelength in Å.</summary>
    public required double WavelengthA { get; init; }
    /// <summary>Sample-to-detector distance in mm.</summary>
    public required double DistanceMm { get; init; }
    /// <summary>Lowest and highest trusted values (dxtbx's trusted range; the top is the count cut-off).</summary>
    public required (double Min, double Max) TrustedRange { get; init; }
    /// <summary>Exposure time in seconds, when recorded.</summary>
    public double? ExposureS { get; init; }
    /// <summary>Goniometer and detector angles in degrees (Start_angle, Angle_increment, Detector_2theta, Omega, Phi, …).</summary>
    public IReadOnlyDictionary<string, double> Angles { get; init; } = new Dictionary<string, double>();
    /// <summary>Every header item, raw.</summary>
    public IReadOnlyDictionary<string, string> Header { get; init; } = new Dictionary<string, string>();

    /// <summary>The rotation during the exposure in degrees (CBF Angle_increment / Phi_increment / Omega_increment, SMV
    /// OSC_RANGE; the largest if several), 0 for a still, null when the header does not say.</summary>
    public double? OscillationDeg
    {
        get
        {
            var ranges = new[] { "Angle_increment", "Phi_increment", "Omega_increment", "OSC_RANGE" }
                .Where(Angles.ContainsKey).Select(k => Math.Abs(Angles[k])).ToList();
            return ranges.Count == 0 ? null : ranges.Max();
        }
    }

    /// <summary>Panel 0's size (fast, slow).</summary>
    public (int Fast, int Slow) ImageSize => (Panels[0].Width, Panels[0].Height);
    /// <summary>Panel 0's pixels.</summary>
    public int[] Pixels => Panels[0].Pixels;
    /// <summary>Panel 0's beam centre in pixels (fast, slow).</summary>
    public (double Fast, double Slow) BeamCentrePx => Panels[0].BeamCentrePx;

    /// <summary>Geometry of panel 0 for pixel → angle → resolution conversions.</summary>
    public Geometry.FlatDetector Geometry => new(DistanceMm, PixelSizeMm, BeamCentrePx, WavelengthA, ImageSize);
}

/// <summary>The special values detectors write in place of counts.</summary>
public static class PixelMask
{
    /// <summary>Pixel in a gap between modules.</summary>
    public const int Gap = -1;
    /// <summary>Pixel known to be bad (hot, dead) or excluded.</summary>
    public const int Bad = -2;

    /// <summary>True when a pixel holds a count rather than a mask value.</summary>
    public static bool IsValid(int value) => value >= 0;

    /// <summary>How many pixels hold <paramref name="value"/>.</summary>
    public static long Count(ReadOnlySpan<int> pixels, int value) => pixels.Count(value);

    /// <summary>A mask that is true where the pixel is valid (not a gap or bad pixel).</summary>
    public static bool[] ValidMask(ReadOnlySpan<int> pixels)
    {
        var mask = new bool[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) mask[i] = pixels[i] >= 0;
        return mask;
    }
}
