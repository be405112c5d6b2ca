namespace Winnow.Pipeline.Run;

/// <summary>The stages of a run, in order.</summary>
public enum RunStage
{
    /// <summary>Finding the unscored images.</summary>
    Find,
    /// <summary>Copying images to scratch.</summary>
    Stage,
    /// <summary>Scoring and checkpointing batches.</summary>
    Score,
    /// <summary>Storing checkpointed results.</summary>
    Egress,
}

/// <summary>How far a stage has got: <paramref name="Done"/> of <paramref name="Total"/> images.</summary>
public sealed record RunProgress(RunStage Stage, long Done, long Total);
