namespace Winnow.Pipeline.Run;

/// <summary>
/// The checkpoints of one job and model under the scratch folder: one file for a local run, one per Slurm shard.
/// Everything in it is scored and not yet egressed; egress removes the files it has stored.
/// </summary>
public sealed class CheckpointFolder(string scratch, string job, string modelId)
{
    /// <summary>scratch/checkpoints/&lt;job&gt;-&lt;first 16 hex digits of the model id&gt;.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(scratch), "checkpoints", $"{job}-{modelId[..Math.Min(16, modelId.Length)]}");

    /// <summary>The model the checkpoints belong to.</summary>
    public string ModelId => modelId;

    /// <summary>The checkpoint file a run writes: its shard's, or local.jsonl.</summary>
    public string FileFor(Shard? shard) => System.IO.Path.Combine(Path, shard?.FileName ?? "local.jsonl");

    /// <summary>Every checkpoint file there, in name order.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(Path) ? Directory.GetFiles(Path, "*.jsonl").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Every image result checkpointed for this model, one per image (the first written wins).</summary>
    internal IReadOnlyList<(CheckpointEntry Entry, DateTimeOffset ScoredAt)> ReadAll() => Read(Files());

    /// <summary>
    /// The ids of images already checkpointed, which a restarted run does not score again. A shard reads only its own
    /// file: the other shards' files are theirs, locked while they write, and hold none of its images.
    /// </summary>
    internal HashSet<long> CheckpointedImages(Shard? shard)
    {
        var files = shard is null ? Files() : Files().Where(f => f == FileFor(shard)).ToList();
        return Read(files).Select(e => e.Entry.ImageId).ToHashSet();
    }

    private List<(CheckpointEntry Entry, DateTimeOffset ScoredAt)> Read(IEnumerable<string> files)
    {
        var seen = new HashSet<long>();
        var entries = new List<(CheckpointEntry, DateTimeOffset)>();
        foreach (var file in files)
        {
            foreach (var batch in CheckpointFile.Read(file))
            {
                if (batch.ModelId != modelId)
                    throw new InvalidDataException($"{file}: holds results of model {batch.ModelId}, not {modelId}; move it away.");
                foreach (var entry in batch.Results)
                {
                    if (seen.Add(entry.ImageId))
                        entries.Add((entry, batch.ScoredAt));
                }
            }
        }
        return entries;
    }
}
