using System.Text.Json.Serialization;

namespace Winnow.Pipeline.Run;

/// <summary>One image's result as checkpointed: its class and probabilities, or the reason it could not be scored.</summary>
public sealed record CheckpointEntry(
    [property: JsonPropertyName("image")] long ImageId,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("class")] string? Class,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double>? Probabilities,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("flags")] IReadOnlyDictionary<string, bool>? Flags,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>True when the image could not be read or scored.</summary>
    [JsonIgnore]
    public bool Failed => Error is not null;
}

/// <summary>One line of a checkpoint file: a scored batch, its model and when it was scored.</summary>
internal sealed record CheckpointBatch(
    [property: JsonPropertyName("model")] string ModelId,
    [property: JsonPropertyName("scored_at")] DateTimeOffset ScoredAt,
    [property: JsonPropertyName("results")] IReadOnlyList<CheckpointEntry> Results);

[JsonSerializable(typeof(CheckpointBatch))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
