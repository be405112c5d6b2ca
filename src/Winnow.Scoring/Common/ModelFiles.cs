using System.Security.Cryptography;

namespace Winnow.Scoring.Common;

/// <summary>
/// Where models live: the shipped defaults under models/&lt;job&gt;/ beside the program (copied at build time from
/// the repository's models/ folder), and the convention NAME.safetensors + NAME.card.json for every model.
/// </summary>
public static class ModelFiles
{
    /// <summary>The folder holding the shipped default models.</summary>
    public static string ShippedRoot => Environment.GetEnvironmentVariable("WINNOW_MODELS") is { Length: > 0 } custom
        ? custom
        : Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The weights file of the shipped default model of <paramref name="job"/>.</summary>
    public static string DefaultWeights(string job) => Path.Combine(ShippedRoot, job, "default.safetensors");

    /// <summary>The card beside a weights file: model.safetensors → model.card.json.</summary>
    public static string CardPath(string weights) =>
        Path.Combine(Path.GetDirectoryName(weights) ?? ".", Path.GetFileNameWithoutExtension(weights) + ".card.json");

    /// <summary>SHA-256 of a file as lower-case hex: a model's id.</summary>
    public static string ContentHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Loads a card and sets its Id from the weights' content hash; a missing file is a clear error.</summary>
    public static ModelCard LoadCard(string weights)
    {
        if (!File.Exists(weights))
            throw new FileNotFoundException($"{weights}: model weights not found (train one with `winnow train`, or pass --model)", weights);
        var card = ModelCard.Load(CardPath(weights));
        card.Id = ContentHash(weights);
        return card;
    }
}
