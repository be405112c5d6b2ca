namespace Winnow.Pipeline.Run;

/// <summary>An image a run could not score, and why (the reason names the file).</summary>
public sealed record ImageFailure(long ImageId, string Path, string Reason);

/// <summary>What egress stored: new scores, scores already there (a restarted run), failures, and stored images per class.</summary>
public sealed record EgressReport(int Stored, int AlreadyStored, IReadOnlyList<ImageFailure> Failures, IReadOnlyDictionary<string, int> Classes);

/// <summary>What one run did, for the summary screen, --json and the notifier.</summary>
/// <param name="RunId">The run's row in the store.</param>
/// <param name="Unscored">Images of this job (and shard) the model had not scored when the run started.</param>
/// <param name="Resumed">Of those, images already in a checkpoint from an earlier, interrupted run: not scored again.</param>
/// <param name="Scored">Images this run put through the model (including those that failed).</param>
/// <param name="Egress">Null when this run left egress to another (a Slurm shard).</param>
public sealed record RunReport(
    long RunId, string Job, string ModelId, string ModelName, Shard? Shard,
    int Unscored, int Resumed, int Scored, EgressReport? Egress, TimeSpan Elapsed)
{
    /// <summary>Images per second through the whole run.</summary>
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Scored / Elapsed.TotalSeconds : 0;
}
