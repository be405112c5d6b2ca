namespace Winnow.Store;

/// <summary>A score to append: from a person (<see cref="ScorerKind.Human"/>) or a model, whose id is its weights' hash.</summary>
/// <param name="Value">A number the job defines (a resolution in Å, a crystal probability); null when it has none.</param>
public sealed record NewScore(
    long ImageId, ScorerKind Kind, string Scorer, string Class, DateTimeOffset ScoredAt,
    IReadOnlyDictionary<string, double>? Probabilities = null, double? Value = null, long? RunId = null);

/// <summary>A stored score; scores are never changed once written.</summary>
public sealed record ScoreRecord(
    long Id, long ImageId, ScorerKind Kind, string Scorer, string Class,
    IReadOnlyDictionary<string, double>? Probabilities, double? Value, DateTimeOffset ScoredAt, long? RunId);

/// <summary>An image whose latest human score names another class than its latest machine score.</summary>
public sealed record Disagreement(ImageRecord Image, ScoreRecord Human, ScoreRecord Machine);
