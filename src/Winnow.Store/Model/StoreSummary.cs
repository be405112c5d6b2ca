namespace Winnow.Store;

/// <summary>What the store holds: counts of images by state, of current labels by class, and the last runs.</summary>
/// <param name="Scored">Images, not failed, with at least one score (human or machine).</param>
/// <param name="Classes">Images by current label: the latest human score where there is one, else the latest machine score.</param>
public sealed record StoreSummary(
    long Inspections, long Images, long Scored, long Unscored, long Failed,
    IReadOnlyDictionary<string, long> Classes, IReadOnlyList<RunRecord> Runs);
