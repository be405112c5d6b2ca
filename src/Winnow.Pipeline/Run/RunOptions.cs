using Winnow.Store;

namespace Winnow.Pipeline.Run;

/// <summary>What one `winnow run` does: which job and model, batch size, where to stage, and which part of the work.</summary>
/// <param name="Weights">The model's weights; null for the job's shipped default.</param>
/// <param name="Scratch">Local folder for staged copies and checkpoints; shared between nodes when the Slurm runner is used.</param>
/// <param name="Shard">Score only this shard of the unscored images; null for all.</param>
/// <param name="Egress">False for a shard of a Slurm array: leave the results in the checkpoint for the egress job.</param>
/// <param name="ScoreImages">False for the egress job: only egress the checkpoints that are there.</param>
public sealed record RunOptions(
    JobKind Job,
    string? Weights,
    string Scratch,
    int BatchSize = 32,
    int StageConcurrency = 10,
    Shard? Shard = null,
    bool Egress = true,
    bool ScoreImages = true)
{
    /// <summary>The scratch folder used when none is given: winnow-scratch under the system temp folder.</summary>
    public static string DefaultScratch => Path.Combine(Path.GetTempPath(), "winnow-scratch");
}
