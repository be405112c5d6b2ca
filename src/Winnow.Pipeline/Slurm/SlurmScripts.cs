using Winnow.Store;

namespace Winnow.Pipeline.Slurm;

/// <summary>Writes the two batch scripts: the shard array (score and checkpoint) and the egress job.</summary>
internal static class SlurmScripts
{
    /// <summary>Writes shards.sh and egress.sh into <paramref name="folder"/>; returns their paths.</summary>
    public static (string Shards, string Egress) Write(SlurmPlan plan, string folder)
    {
        Directory.CreateDirectory(folder);
        var common = $"run --job {plan.Job.Name()} --model {Quote(plan.Weights)} --db {Quote(plan.Database)} --scratch {Quote(plan.Scratch)}";
        var shards = Path.Combine(folder, "shards.sh");
        File.WriteAllText(shards, $"""
            #!/bin/bash
            # One array task per shard of the unscored images; each leaves its results in its checkpoint for the egress job.
            set -euo pipefail
            exec {plan.Winnow} {common} --batch {plan.BatchSize} --stage-concurrency {plan.StageConcurrency} --shard "$SLURM_ARRAY_TASK_ID/{plan.Shards}" --no-egress --json

            """);
        var egress = Path.Combine(folder, "egress.sh");
        File.WriteAllText(egress, $"""
            #!/bin/bash
            # Stores every shard's checkpointed scores in one transaction, then removes the checkpoints.
            set -euo pipefail
            exec {plan.Winnow} {common} --egress-only --json

            """);
        return (shards, egress);
    }

    /// <summary>Single-quotes a word for bash.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
