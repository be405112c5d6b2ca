using System.Collections.Concurrent;
using System.Text.Json;
using Winnow.Store;

namespace Winnow.Pipeline.Ingest;

/// <summary>
/// Registers a folder's images in the store, grouped into inspections by the layout their paths follow.
/// It only reads the folder; images are known by content hash, so ingesting a folder again adds nothing.
/// </summary>
public sealed class Ingester(IResultStore store)
{
    private const int BatchSize = 1000;

    /// <summary>Ingests every image of <paramref name="job"/> under <paramref name="folder"/>; <paramref name="progress"/> hears each file hashed.</summary>
    public async Task<IngestReport> IngestAsync(string folder, JobKind job, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(File.Exists(root)
                ? $"'{root}' is a file, not a folder; pass the folder that holds the images."
                : $"The folder '{root}' does not exist; pass the folder that holds the images.");
        }

        var (images, ignored) = FindImages(root, job);
        return await IngestFilesAsync(root, job, images, ignored, progress, ct);
    }

    /// <summary>
    /// Ingests only <paramref name="files"/> (paths under <paramref name="folder"/>), grouped by the folder's layout:
    /// `winnow watch` passes the inspections that have settled and leaves the ones still being written.
    /// </summary>
    public async Task<IngestReport> IngestAsync(string folder, JobKind job, IReadOnlyList<string> files, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(folder);
        var images = files.Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        return await IngestFilesAsync(root, job, images, 0, progress, ct);
    }

    private async Task<IngestReport> IngestFilesAsync(string root, JobKind job, List<string> images, int ignored, IProgress<int>? progress, CancellationToken ct)
    {
        var runId = await store.StartRunAsync("ingest", job, null, ct);
        try
        {
            var hashed = await HashAllAsync(images, progress, ct);
            var unreadable = hashed.Where(h => h.Error is not null).Select(h => new UnreadableFile(h.Path, h.Error!)).ToList();
            var layouts = LayoutCatalog.For(job);
            var inspections = new List<IngestedInspection>();
            var added = 0;
            foreach (var group in hashed.Where(h => h.Hash is not null)
                         .Select(h => (File: h, Seen: LayoutCatalog.Recognise(layouts, root, h.Path)))
                         .GroupBy(x => x.Seen.InspectionKey)
                         .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = group.First().Seen;
                var inspectionId = await store.AddInspectionAsync(new NewInspection(
                    job, first.InspectionKey, first.InspectionName, first.Layout, root, Json(first.InspectionFields)), ct);
                var rows = group.Select(x => new NewImage(inspectionId, job, x.File.Path, x.File.Hash!, Json(x.Seen.Fields))).ToList();
                var groupAdded = 0;
                foreach (var batch in rows.Chunk(BatchSize))
                    groupAdded += await store.AddImagesAsync(batch, ct);
                added += groupAdded;
                inspections.Add(new IngestedInspection(inspectionId, first.InspectionName, first.Layout, rows.Count, groupAdded));
            }
            var report = new IngestReport(images.Count, added, ignored, inspections, unreadable);
            await store.FinishRunAsync(runId, RunState.Succeeded, added, unreadable.Count,
                $"{root}: {added} new, {report.ImagesKnown} known, {unreadable.Count} unreadable", CancellationToken.None);
            return report;
        }
        catch (Exception e)
        {
            await store.FinishRunAsync(runId, e is OperationCanceledException ? RunState.Cancelled : RunState.Failed, 0, 0, e.Message, CancellationToken.None);
            throw;
        }
    }

    private static (List<string> Images, int Ignored) FindImages(string root, JobKind job)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden };
        var images = new List<string>();
        var ignored = 0;
        try
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", options))
            {
                if (JobFiles.IsImage(job, Path.GetFileName(path)))
                    images.Add(path);
                else
                    ignored++;
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot list '{root}': {e.Message} Give Winnow read access to the folder.", e);
        }
        images.Sort(StringComparer.Ordinal);
        return (images, ignored);
    }

    private sealed record Hashed(string Path, string? Hash, string? Error);

    private static async Task<List<Hashed>> HashAllAsync(List<string> paths, IProgress<int>? progress, CancellationToken ct)
    {
        var results = new ConcurrentDictionary<int, Hashed>();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    results[i] = new Hashed(paths[i], await ContentHash.OfFileAsync(paths[i], token), null);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    results[i] = new Hashed(paths[i], null, e.Message);
                }
                progress?.Report(Interlocked.Increment(ref done));
            });
        return Enumerable.Range(0, paths.Count).Select(i => results[i]).ToList();
    }

    private static string Json(IReadOnlyDictionary<string, object> fields) => JsonSerializer.Serialize(fields);
}
