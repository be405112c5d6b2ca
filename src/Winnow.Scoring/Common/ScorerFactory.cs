namespace Winnow.Scoring.Common;

/// <summary>
/// Which scorer class scores which job: a job's own scorer registers here with one line, and the pipeline and the
/// CLI open any job's model through <see cref="Create"/> without knowing the class.
/// </summary>
public static class ScorerFactory
{
    // job → (weights, batch size) → scorer. A job's own scorer (e.g. Drops/DropsScorer) replaces the raster
    // classifier line when it exists.
    private static readonly Dictionary<string, Func<string, int, IImageScorer>> Scorers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["drops"] = (weights, batch) => Drops.DropsScorer.Open(weights, batch),
        ["diffraction"] = (weights, batch) => new Diffraction.DiffractionScorer(weights, batch),
    };

    /// <summary>The jobs that have a scorer.</summary>
    public static IReadOnlyCollection<string> Jobs => Scorers.Keys;

    /// <summary>
    /// Opens the scorer of <paramref name="job"/> on <paramref name="weights"/> (the shipped default when null).
    /// A job without a scorer, missing weights, or a model card made for another job is a clear error.
    /// </summary>
    public static IImageScorer Create(string job, string? weights = null, int batchSize = 32)
    {
        if (!Scorers.TryGetValue(job, out var make))
            throw new NotSupportedException(
                $"There is no scorer for the {job} job yet (jobs with a scorer: {string.Join(", ", Scorers.Keys.Order())}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var path = weights ?? ModelFiles.DefaultWeights(job);
        var card = ModelFiles.LoadCard(path);
        if (!string.Equals(card.Job, job, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: this model was made for the {card.Job} job, not {job}; pass a {job} model with --model.");
        return make(path, batchSize);
    }
}
