namespace Winnow.Store;

/// <summary>An image to register; <paramref name="Sha256"/> (lower-case hex) makes registering it twice a no-op.</summary>
public sealed record NewImage(long InspectionId, JobKind Job, string Path, string Sha256, string MetadataJson = "{}");

/// <summary>A stored image; <see cref="FailureReason"/> is set when <see cref="Failed"/> is.</summary>
public sealed record ImageRecord(
    long Id, long InspectionId, JobKind Job, string Path, string Sha256, string MetadataJson,
    bool Failed, string? FailureReason, DateTimeOffset CreatedAt);
