namespace Winnow.Pipeline.Watch;

/// <summary>A file seen by a scan: its path, size and last write time (UTC).</summary>
public sealed record SeenFile(string Path, long Size, DateTime WrittenUtc);

/// <summary>
/// Decides which inspections are complete: an imager writes an inspection's files over minutes, so an inspection is
/// ready when none of its files has changed for the quiet period. Remembers what it has handed out, so each file
/// is handed out once (and again only if it is rewritten).
/// </summary>
public sealed class SettleTracker(TimeSpan quiet)
{
    private readonly HashSet<SeenFile> _handed = [];

    /// <summary>
    /// From one scan (files grouped by inspection key) at <paramref name="nowUtc"/>: the files of settled inspections
    /// not handed out before, by inspection. Inspections with a file changed within the quiet period wait.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SeenFile>> Settled(IReadOnlyDictionary<string, IReadOnlyList<SeenFile>> scan, DateTime nowUtc)
    {
        var ready = new Dictionary<string, IReadOnlyList<SeenFile>>();
        foreach (var (key, files) in scan)
        {
            if (files.Count == 0 || nowUtc - files.Max(f => f.WrittenUtc) < quiet)
                continue;
            var fresh = files.Where(f => !_handed.Contains(f)).ToList();
            if (fresh.Count == 0)
                continue;
            _handed.UnionWith(fresh);
            ready[key] = fresh;
        }
        return ready;
    }

    /// <summary>Inspections seen but still being written (some file changed within the quiet period).</summary>
    public static int Waiting(IReadOnlyDictionary<string, IReadOnlyList<SeenFile>> scan, DateTime nowUtc, TimeSpan quiet) =>
        scan.Values.Count(files => files.Count > 0 && nowUtc - files.Max(f => f.WrittenUtc) < quiet);
}
