namespace Winnow.Pipeline.Slurm;

/// <summary>What a Slurm run did: its jobs, the shards retried, the shards that failed twice, and how egress ended.</summary>
public sealed record SlurmReport(
    string ArrayJobId, string? RetryJobId, string EgressJobId, int Shards,
    IReadOnlyList<int> Retried, IReadOnlyList<int> FailedShards, string EgressState)
{
    /// <summary>True when every shard and the egress job completed.</summary>
    public bool Succeeded => FailedShards.Count == 0 && EgressState.StartsWith("COMPLETED", StringComparison.Ordinal);
}
