using Winnow.Scoring.Common;

namespace Winnow.Cli.Commands;

/// <summary>Finds a drops model from --model: nothing (the shipped default), a weights path, or the id or name of an imported model.</summary>
internal static class ModelLocator
{
    /// <summary>Where `winnow models import` puts models unless --models-dir says otherwise.</summary>
    public static string DefaultModelsDir => Environment.GetEnvironmentVariable("WINNOW_USER_MODELS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".winnow", "models");

    /// <summary>The weights file (.safetensors or .pt) for <paramref name="model"/>.</summary>
    public static string Resolve(string? model, string? modelsDir = null, string job = "drops")
    {
        if (string.IsNullOrEmpty(model)) return ModelFiles.DefaultWeights(job);
        if (File.Exists(model)) return model;
        var dir = modelsDir ?? DefaultModelsDir;
        if (Directory.Exists(dir))
        {
            foreach (var card in Directory.EnumerateFiles(dir, "*.card.json"))
            {
                var stem = Path.GetFileName(card)[..^".card.json".Length];
                var weights = Directory.EnumerateFiles(dir, stem + ".*").FirstOrDefault(f => !f.EndsWith(".card.json", StringComparison.Ordinal));
                if (weights is null) continue;
                if (stem == model || (model.Length >= 8 && stem.StartsWith(model, StringComparison.Ordinal))) return weights;
                var loaded = ModelCard.Load(card);
                if (loaded.Name == model) return weights;
            }
        }
        throw new FileNotFoundException($"model '{model}' is neither a file nor a model imported into {dir}; import it with `winnow models import MODEL.pt --card CARD.json` or give its path.");
    }
}
