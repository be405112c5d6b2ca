namespace Winnow.Simulation.Diffraction;

/// <summary>Which detector a simulated shot uses; Mixed draws one of the three per shot.</summary>
public enum DetectorChoice
{
    /// <summary>DECTRIS PILATUS3 6M: 2463×2527 pixels of 172 µm.</summary>
    Pilatus6M,
    /// <summary>DECTRIS EIGER 16M: 4148×4362 pixels of 75 µm.</summary>
    Eiger16M,
    /// <summary>DECTRIS PILATUS 1M: 981×1043 pixels of 172 µm.</summary>
    Small,
    /// <summary>Any of the three, chosen at random per shot.</summary>
    Mixed,
}

/// <summary>
/// A photon-counting pixel-array detector built of identical modules separated by dead gaps (-1 in the image),
/// with a fixed set of bad pixels (-2), as in the headers and masks of the real files in shared/data/diffraction.
/// </summary>
public sealed class DetectorModel(
    string name, string headerName, int width, int height, double pixelSizeMm,
    int moduleWidth, int moduleHeight, int gapFast, int gapSlow, int countCutoff, int badPixels)
{
    /// <summary>Short name used on the command line and in labels.csv.</summary>
    public string Name { get; } = name;

    /// <summary>What the miniCBF "# Detector:" line says.</summary>
    public string HeaderName { get; } = headerName;

    /// <summary>Pixels along the fast axis.</summary>
    public int Width { get; } = width;

    /// <summary>Pixels along the slow axis.</summary>
    public int Height { get; } = height;

    /// <summary>Square pixel edge in mm.</summary>
    public double PixelSizeMm { get; } = pixelSizeMm;

    /// <summary>Module width in pixels.</summary>
    public int ModuleWidth { get; } = moduleWidth;

    /// <summary>Module height in pixels.</summary>
    public int ModuleHeight { get; } = moduleHeight;

    /// <summary>Dead columns between modules.</summary>
    public int GapFast { get; } = gapFast;

    /// <summary>Dead rows between modules.</summary>
    public int GapSlow { get; } = gapSlow;

    /// <summary>Counts at which a pixel saturates.</summary>
    public int CountCutoff { get; } = countCutoff;

    /// <summary>How many bad pixels the detector has.</summary>
    public int BadPixels { get; } = badPixels;

    /// <summary>PILATUS3 6M as in thau_3_2_*.cbf: 5×12 modules of 487×195, gaps of 7 (fast) and 17 (slow) pixels, 526 101 gap pixels.</summary>
    public static DetectorModel Pilatus6M { get; } = new("pilatus6m", "PILATUS3 6M, S/N 60-0000 (Winnow simulated)", 2463, 2527, 0.172, 487, 195, 7, 17, 1048500, 625);

    /// <summary>EIGER 16M as in dlsnxs2cbf_therm_0001.cbf: 4×8 modules of 1028×512, gaps of 12 and 38 pixels, 1 250 824 gap pixels.</summary>
    public static DetectorModel Eiger16M { get; } = new("eiger16m", "EIGER 16M, S/N 160-0000 (Winnow simulated)", 4148, 4362, 0.075, 1028, 512, 12, 38, 65535, 2496);

    /// <summary>PILATUS 1M: 2×5 modules of 487×195 with the same gaps as the 6M.</summary>
    public static DetectorModel Pilatus1M { get; } = new("small", "PILATUS 1M, S/N 10-0000 (Winnow simulated)", 981, 1043, 0.172, 487, 195, 7, 17, 1048500, 100);

    /// <summary>The model for a concrete choice (not Mixed).</summary>
    public static DetectorModel For(DetectorChoice choice) => choice switch
    {
        DetectorChoice.Pilatus6M => Pilatus6M,
        DetectorChoice.Eiger16M => Eiger16M,
        DetectorChoice.Small => Pilatus1M,
        _ => throw new ArgumentException($"'{choice}' is not a single detector; pick one before asking for its model."),
    };

    /// <summary>The model with the given short name (pilatus6m, eiger16m, small).</summary>
    public static DetectorModel ByName(string name) => name switch
    {
        "pilatus6m" => Pilatus6M,
        "eiger16m" => Eiger16M,
        "small" => Pilatus1M,
        _ => throw new ArgumentException($"Unknown detector '{name}'; use pilatus6m, eiger16m or small."),
    };

    /// <summary>Whether pixel column <paramref name="x"/> falls in a gap between modules.</summary>
    public bool IsGapColumn(int x) => x % (ModuleWidth + GapFast) >= ModuleWidth;

    /// <summary>Whether pixel row <paramref name="y"/> falls in a gap between modules.</summary>
    public bool IsGapRow(int y) => y % (ModuleHeight + GapSlow) >= ModuleHeight;

    private int[]? _badPixelIndices;
    private readonly Lock _badPixelLock = new();

    /// <summary>
    /// The detector's bad pixels: fixed per detector (a real detector keeps its dead pixels from shot to shot),
    /// drawn once from a seed derived from its name, never inside a gap.
    /// </summary>
    public IReadOnlyList<int> BadPixelIndices
    {
        get
        {
            lock (_badPixelLock)
                return _badPixelIndices ??= DrawBadPixels();
        }
    }

    private int[] DrawBadPixels()
    {
        ulong seed = 1469598103934665603UL;
        foreach (char ch in Name)
            seed = unchecked((seed ^ ch) * 1099511628211UL);
        var rng = new SimRandom(seed);
        var set = new SortedSet<int>();
        while (set.Count < BadPixels)
        {
            int x = rng.NextInt(Width), y = rng.NextInt(Height);
            if (!IsGapColumn(x) && !IsGapRow(y))
                set.Add(y * Width + x);
        }
        return [.. set];
    }
}
