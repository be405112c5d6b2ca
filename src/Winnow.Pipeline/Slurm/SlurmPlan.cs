using Winnow.Store;

namespace Winnow.Pipeline.Slurm;

/// <summary>What the Slurm runner submits: every path absolute, because the jobs run elsewhere and later.</summary>
/// <param name="Winnow">The shell words that start winnow on a node, e.g. "'/usr/bin/dotnet' '/opt/winnow/winnow.dll'".</param>
/// <param name="Scratch">Must be visible to every node: the shards' checkpoints meet there for the egress job.</param>
/// <param name="Sbatch">Extra sbatch arguments for every job (--partition, --gres, --time…).</param>
public sealed record SlurmPlan(
    JobKind Job, string Weights, string Database, string Scratch, int BatchSize, int StageConcurrency, int Shards,
    string Winnow, IReadOnlyList<string> Sbatch, TimeSpan Poll);
