namespace Winnow.Store;

/// <summary>Where a pipeline run stands.</summary>
public enum RunState
{
    /// <summary>Started and not finished (or killed before it could say so).</summary>
    Running,
    /// <summary>Finished; every image was handled.</summary>
    Succeeded,
    /// <summary>Stopped by an error.</summary>
    Failed,
    /// <summary>Stopped by a person.</summary>
    Cancelled,
}

/// <summary>A stored run: what it did, its state and its counts.</summary>
public sealed record RunRecord(
    long Id, string Kind, JobKind? Job, string? ModelId, RunState State, long ImagesDone, long ImagesFailed,
    string? Message, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>Names of run states as stored.</summary>
internal static class RunStateNames
{
    public static string Name(this RunState state) => state.ToString().ToLowerInvariant();

    public static RunState Parse(string name) =>
        Enum.TryParse<RunState>(name, ignoreCase: true, out var state)
            ? state
            : throw new InvalidDataException($"The database holds an unknown run state '{name}'.");
}
