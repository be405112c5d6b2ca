namespace Winnow.Store;

/// <summary>
/// The results database: inspections, images, human and machine scores side by side, models, votes and runs.
/// Scores are only ever appended. One instance holds one connection: use it from one task at a time.
/// </summary>
public interface IResultStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Engine { get; }

    /// <summary>The schema version the database is at after opening (migrations run on open).</summary>
    int SchemaVersion { get; }

    /// <summary>Registers an inspection, or finds the one with the same job and key; returns its id.</summary>
    Task<long> AddInspectionAsync(NewInspection inspection, CancellationToken ct = default);

    /// <summary>All inspections, oldest first.</summary>
    Task<IReadOnlyList<InspectionRecord>> GetInspectionsAsync(CancellationToken ct = default);

    /// <summary>Registers images in one transaction; an image whose job and hash are known is left as it is. Returns how many were new.</summary>
    Task<int> AddImagesAsync(IReadOnlyList<NewImage> images, CancellationToken ct = default);

    /// <summary>The image with this SHA-256 (64 hex digits) or this exact path; null when there is none.</summary>
    Task<ImageRecord?> FindImageAsync(string pathOrHash, CancellationToken ct = default);

    /// <summary>The images of one inspection, in path order.</summary>
    Task<IReadOnlyList<ImageRecord>> GetImagesAsync(long inspectionId, CancellationToken ct = default);

    /// <summary>Images of a job, not failed, that this model has not scored yet: the pipeline's "find" stage.</summary>
    Task<IReadOnlyList<ImageRecord>> GetUnscoredImagesAsync(JobKind job, string modelId, int limit, CancellationToken ct = default);

    /// <summary>Marks an image as failed (truncated, unreadable, wrong format) with the reason, so runs skip it.</summary>
    Task MarkImageFailedAsync(long imageId, string reason, CancellationToken ct = default);

    /// <summary>Appends one human score; false when this person's score at this instant is already there.</summary>
    Task<bool> AddHumanScoreAsync(NewScore score, CancellationToken ct = default);

    /// <summary>Appends machine scores in one transaction; a model's second score of an image is skipped. Returns how many were new.</summary>
    Task<int> AddMachineScoresAsync(IReadOnlyList<NewScore> scores, CancellationToken ct = default);

    /// <summary>Every score of an image, oldest first.</summary>
    Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(long imageId, CancellationToken ct = default);

    /// <summary>The most recent score of this kind for an image; null when there is none.</summary>
    Task<ScoreRecord?> GetLatestScoreAsync(long imageId, ScorerKind kind, CancellationToken ct = default);

    /// <summary>Images whose latest human and latest machine scores differ, where either was given at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Disagreement>> GetDisagreementsAsync(DateTimeOffset since, CancellationToken ct = default);

    /// <summary>Every readable image of <paramref name="job"/> that people have labelled, with its latest human class.</summary>
    Task<IReadOnlyList<(ImageRecord Image, string Class)>> GetHumanLabelsAsync(JobKind job, CancellationToken ct = default);

    /// <summary>Registers a model by the hash of its weights; registering it again is a no-op.</summary>
    Task RegisterModelAsync(ModelRecord model, CancellationToken ct = default);

    /// <summary>The model with this id; null when it is not registered.</summary>
    Task<ModelRecord?> GetModelAsync(string id, CancellationToken ct = default);

    /// <summary>Records a consensus vote; false when this voter's vote at this instant is already there.</summary>
    Task<bool> AddVoteAsync(long imageId, string voter, string @class, DateTimeOffset votedAt, CancellationToken ct = default);

    /// <summary>The votes on an image, oldest first.</summary>
    Task<IReadOnlyList<VoteRecord>> GetVotesAsync(long imageId, CancellationToken ct = default);

    /// <summary>Records the start of a run (ingest, score, import…); returns its id.</summary>
    Task<long> StartRunAsync(string kind, JobKind? job, string? modelId, CancellationToken ct = default);

    /// <summary>Records the end of a run with its counts and a message for people.</summary>
    Task FinishRunAsync(long runId, RunState state, long imagesDone, long imagesFailed, string? message, CancellationToken ct = default);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> GetRecentRunsAsync(int count, CancellationToken ct = default);

    /// <summary>Counts for `winnow status`.</summary>
    Task<StoreSummary> GetSummaryAsync(int recentRuns = 5, CancellationToken ct = default);
}
