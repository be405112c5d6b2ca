namespace Winnow.Scoring.Common;

/// <summary>
/// What the pipeline and the CLI need from a job's model: score a batch of image files. A file that cannot be
/// read gives a failed <see cref="ImageScore"/> with the reason; it never stops the batch.
/// </summary>
public interface IImageScorer : IDisposable
{
    /// <summary>The job (drops, diffraction, …).</summary>
    string Job { get; }

    /// <summary>The model's card (its Id is the content hash of the weights).</summary>
    ModelCard Card { get; }

    /// <summary>How many images one forward pass takes at most.</summary>
    int BatchSize { get; }

    /// <summary>Scores the files, in order, one result each.</summary>
    IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files);
}
