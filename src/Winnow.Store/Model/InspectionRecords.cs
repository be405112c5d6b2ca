namespace Winnow.Store;

/// <summary>A batch of images to register: a plate imaged once, a grid atlas, a Class2D job, a data collection.</summary>
/// <param name="Key">What makes it the same batch when the folder is ingested again.</param>
public sealed record NewInspection(JobKind Job, string Key, string Name, string Layout, string Source, string MetadataJson = "{}");

/// <summary>A stored inspection.</summary>
public sealed record InspectionRecord(
    long Id, JobKind Job, string Key, string Name, string Layout, string Source, string MetadataJson, DateTimeOffset CreatedAt);
