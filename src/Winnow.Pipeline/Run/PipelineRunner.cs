using System.Diagnostics;
using System.Threading.Channels;
using Winnow.Scoring.Common;
using Winnow.Store;

namespace Winnow.Pipeline.Run;

/// <summary>
/// The local runner: find unscored → stage → score → checkpoint → egress → clean. Staging of the next batch overlaps
/// scoring of this one. Killed at any point and started again, it scores only what no checkpoint holds, egresses what
/// the checkpoints hold, and ends with every image scored once by the model.
/// </summary>
public sealed class PipelineRunner(IResultStore store, IImageScorer scorer, RunOptions options)
{
    /// <summary>The run's row in the store once <see cref="RunAsync"/> has started it; null before.</summary>
    public long? RunId { get; private set; }

    /// <summary>Runs the pipeline; <paramref name="progress"/> hears each stage advance.</summary>
    public async Task<RunReport> RunAsync(IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var card = scorer.Card;
        var job = options.Job;
        await store.RegisterModelAsync(new ModelRecord(card.Id, job, card.Name, CardJson(), DateTimeOffset.UtcNow), ct);
        var kind = options.Shard is { } s ? $"score shard {s}" : options.ScoreImages ? "score" : "egress";
        var runId = await store.StartRunAsync(kind, job, card.Id, ct);
        RunId = runId;
        try
        {
            var folder = new CheckpointFolder(options.Scratch, job.Name(), card.Id);
            int unscored = 0, resumed = 0, scored = 0;
            if (options.ScoreImages)
            {
                progress?.Report(new RunProgress(RunStage.Find, 0, 0));
                var done = folder.CheckpointedImages(options.Shard);
                var found = (await store.GetUnscoredImagesAsync(job, card.Id, int.MaxValue, ct))
                    .Where(i => options.Shard?.Contains(i.Id) ?? true).ToList();
                var todo = found.Where(i => !done.Contains(i.Id)).ToList();
                unscored = found.Count;
                resumed = found.Count - todo.Count;
                scored = await ScoreAsync(todo, folder, progress, ct);
            }
            var egress = options.Egress ? await new Egress(store).RunAsync(folder, runId, progress, ct) : null;
            var report = new RunReport(runId, job.Name(), card.Id, card.Name, options.Shard, unscored, resumed, scored, egress, clock.Elapsed);
            await store.FinishRunAsync(runId, RunState.Succeeded, egress?.Stored ?? scored, egress?.Failures.Count ?? 0,
                Summary(report), CancellationToken.None);
            return report;
        }
        catch (Exception e)
        {
            await store.FinishRunAsync(runId, e is OperationCanceledException ? RunState.Cancelled : RunState.Failed, 0, 0, e.Message,
                CancellationToken.None);
            throw;
        }
    }

    private async Task<int> ScoreAsync(List<ImageRecord> images, CheckpointFolder folder, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var tag = options.Shard is { } shard ? Path.GetFileNameWithoutExtension(shard.FileName) : "local";
        var stager = new Stager(Path.Combine(Path.GetFullPath(options.Scratch), "staging", $"{options.Job.Name()}-{tag}"), options.StageConcurrency);
        if (images.Count == 0)
        {
            stager.Clean(); // what a run killed after its last checkpoint left staged
            return 0;
        }
        stager.Reset();
        using var checkpoint = CheckpointFile.OpenForAppend(folder.FileFor(options.Shard));
        // Two staged batches ahead at most: enough to hide copying behind scoring, little scratch space.
        var staged = Channel.CreateBounded<IReadOnlyList<StagedImage>>(2);
        long stagedCount = 0;
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in images.Chunk(options.BatchSize))
                {
                    var copies = await stager.StageAsync(batch, ct);
                    await staged.Writer.WriteAsync(copies, ct);
                    progress?.Report(new RunProgress(RunStage.Stage, Interlocked.Add(ref stagedCount, copies.Count), images.Count));
                }
                staged.Writer.Complete();
            }
            catch (Exception e)
            {
                staged.Writer.Complete(e);
            }
        }, ct);

        // Checkpoint lines are written, fsynced and their staged copies removed on a writer task, so the scorer
        // goes on with the next batch meanwhile; a batch's copies are still removed only after its line is on disk.
        var scoredBatches = Channel.CreateBounded<(CheckpointBatch Line, IReadOnlyList<StagedImage> Staged)>(4);
        var writer = Task.Run(async () =>
        {
            await foreach (var (line, copies) in scoredBatches.Reader.ReadAllAsync(ct))
            {
                checkpoint.Append(line);
                Stager.Remove(copies);
            }
        }, ct);

        var done = 0;
        try
        {
            await foreach (var batch in staged.Reader.ReadAllAsync(ct))
            {
                var entries = ScoreBatch(batch);
                await scoredBatches.Writer.WriteAsync((new CheckpointBatch(scorer.Card.Id, DateTimeOffset.UtcNow, entries), batch), ct);
                done += batch.Count;
                progress?.Report(new RunProgress(RunStage.Score, done, images.Count));
            }
        }
        finally
        {
            scoredBatches.Writer.TryComplete();
        }
        await writer;
        await producer;
        stager.Clean();
        return done;
    }

    private List<CheckpointEntry> ScoreBatch(IReadOnlyList<StagedImage> batch)
    {
        var readable = batch.Where(b => b.Local is not null).ToList();
        var results = readable.Count == 0 ? [] : scorer.Score(readable.Select(b => b.Local!).ToList());
        var byImage = new Dictionary<long, ImageScore>();
        for (var i = 0; i < readable.Count; i++)
            byImage[readable[i].Image.Id] = results[i];
        return batch.Select(b =>
        {
            if (b.Error is not null)
                return new CheckpointEntry(b.Image.Id, b.Image.Path, null, null, null, null, b.Error);
            var r = byImage[b.Image.Id];
            // The scorer names the staged copy; people need the original.
            return r.Ok
                ? new CheckpointEntry(b.Image.Id, b.Image.Path, r.Class, r.Probabilities, r.Value, r.Flags, null)
                : new CheckpointEntry(b.Image.Id, b.Image.Path, null, null, null, null, r.Error!.Replace(b.Local!, b.Image.Path));
        }).ToList();
    }

    private string CardJson()
    {
        var path = options.Weights is { } w ? ModelFiles.CardPath(w) : ModelFiles.CardPath(ModelFiles.DefaultWeights(options.Job.Name()));
        return File.Exists(path) ? File.ReadAllText(path) : "{}";
    }

    /// <summary>The one-line message stored with the run and sent to the webhook.</summary>
    public static string Summary(RunReport r)
    {
        var model = $"model {r.ModelName} ({r.ModelId[..Math.Min(12, r.ModelId.Length)]})";
        if (r.Egress is not { } e)
            return $"{model}, shard {r.Shard}: {r.Scored} images scored and checkpointed for egress";
        var failed = e.Failures.Count == 0 ? "" : $"; failed: {string.Join("; ", e.Failures.Take(5).Select(f => f.Reason))}{(e.Failures.Count > 5 ? "; …" : "")}";
        return $"{model}: {e.Stored} scores stored, {e.Failures.Count} images failed, {r.Resumed} resumed from a checkpoint{failed}";
    }
}
