using Winnow.Pipeline.Ingest;
using Winnow.Pipeline.Run;
using Winnow.Scoring.Common;
using Winnow.Store;

namespace Winnow.Pipeline.Watch;

/// <summary>What one look at the folder did.</summary>
public sealed record WatchCycle(int InspectionsIngested, int ImagesAdded, int InspectionsWaiting, RunReport? Run);

/// <summary>
/// `winnow watch`: looks at a folder every poll interval, ingests the inspections that have settled (no file changed
/// for the quiet period) and scores them through the local pipeline. Inspections still being written are left for a
/// later look, so a half-written image is never hashed or scored.
/// </summary>
public sealed class FolderWatcher(IResultStore store, IImageScorer scorer, WatchOptions options)
{
    private readonly SettleTracker _tracker = new(options.Settle);

    /// <summary>Watches until cancelled (or after one look with <see cref="WatchOptions.Once"/>); <paramref name="cycle"/> hears each look.</summary>
    public async Task RunAsync(Action<WatchCycle>? cycle = null, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(options.Folder);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"The folder '{root}' does not exist; pass the folder the imager writes to.");
        while (true)
        {
            cycle?.Invoke(await LookOnceAsync(root, ct));
            if (options.Once)
                return;
            await Task.Delay(options.Poll, ct);
        }
    }

    /// <summary>One look: scan, ingest settled inspections, score what is unscored.</summary>
    public async Task<WatchCycle> LookOnceAsync(string root, CancellationToken ct = default)
    {
        var job = options.Run.Job;
        var scan = Scan(root, job);
        var now = DateTime.UtcNow;
        var settled = _tracker.Settled(scan, now);
        var waiting = SettleTracker.Waiting(scan, now, options.Settle);
        if (settled.Count == 0)
            return new WatchCycle(0, 0, waiting, null);
        var files = settled.Values.SelectMany(f => f).Select(f => f.Path).ToList();
        var ingest = await new Ingester(store).IngestAsync(root, job, files, null, ct);
        var run = await new PipelineRunner(store, scorer, options.Run).RunAsync(null, ct);
        return new WatchCycle(settled.Count, ingest.ImagesAdded, waiting, run);
    }

    // Files of the job grouped by the inspection their layout puts them in.
    private static Dictionary<string, IReadOnlyList<SeenFile>> Scan(string root, JobKind job)
    {
        var layouts = LayoutCatalog.For(job);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = true };
        return new DirectoryInfo(root).EnumerateFiles("*", options)
            .Where(f => JobFiles.IsImage(job, f.Name))
            .Select(f => (Key: LayoutCatalog.Recognise(layouts, root, f.FullName).InspectionKey, File: new SeenFile(f.FullName, f.Length, f.LastWriteTimeUtc)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SeenFile>)g.Select(x => x.File).ToList());
    }
}
