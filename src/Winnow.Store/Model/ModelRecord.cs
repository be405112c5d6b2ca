namespace Winnow.Store;

/// <summary>A model known to the store: <see cref="Id"/> is the SHA-256 of its weights, the card its JSON model card.</summary>
public sealed record ModelRecord(string Id, JobKind Job, string Name, string CardJson, DateTimeOffset CreatedAt);
