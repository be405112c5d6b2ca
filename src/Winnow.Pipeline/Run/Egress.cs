using Winnow.Store;

namespace Winnow.Pipeline.Run;

/// <summary>
/// The egress step: every checkpointed score of a model goes into the store in one transaction (the store's bulk
/// insert skips scores already there, so egressing twice is harmless), failed images are marked with their reason,
/// and only then are the checkpoint files removed.
/// </summary>
internal sealed class Egress(IResultStore store)
{
    public async Task<EgressReport> RunAsync(CheckpointFolder folder, long runId, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var files = folder.Files();
        var entries = folder.ReadAll();
        progress?.Report(new RunProgress(RunStage.Egress, 0, entries.Count));
        var scores = entries.Where(e => !e.Entry.Failed)
            .Select(e => new NewScore(e.Entry.ImageId, ScorerKind.Machine, folder.ModelId, e.Entry.Class!, e.ScoredAt,
                e.Entry.Probabilities, e.Entry.Value, runId))
            .ToList();
        var stored = await store.AddMachineScoresAsync(scores, ct);
        var failures = new List<ImageFailure>();
        foreach (var (entry, _) in entries.Where(e => e.Entry.Failed))
        {
            await store.MarkImageFailedAsync(entry.ImageId, entry.Error!, ct);
            failures.Add(new ImageFailure(entry.ImageId, entry.Path, entry.Error!));
        }
        foreach (var file in files)
            File.Delete(file);
        progress?.Report(new RunProgress(RunStage.Egress, entries.Count, entries.Count));
        var classes = scores.GroupBy(s => s.Class).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new EgressReport(stored, scores.Count - stored, failures, classes);
    }
}
