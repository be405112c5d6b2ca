namespace Winnow.Scoring.Common;

/// <summary>
/// One image's result: the winning class and every class probability, an optional value (e.g. resolution in Å),
/// boolean flags after thresholds, or — for an image that could not be read — the reason, and nothing else.
/// </summary>
public sealed record ImageScore(
    string File,
    string? Class,
    IReadOnlyDictionary<string, double> Probabilities,
    double? Value,
    IReadOnlyDictionary<string, bool> Flags,
    string ModelId,
    string? Error = null)
{
    /// <summary>A failed image: the file and why.</summary>
    public static ImageScore Failed(string file, string modelId, string reason) =>
        new(file, null, new Dictionary<string, double>(), null, new Dictionary<string, bool>(), modelId, reason);

    /// <summary>Further numbers a job measures on the way (diffraction: spots found, lattice coherence).</summary>
    public IReadOnlyDictionary<string, double> Measures { get; init; } = new Dictionary<string, double>();

    /// <summary>True when the image was scored.</summary>
    public bool Ok => Error is null;
}
