using Winnow.Torch;
using Winnow.Torch.Jit;

namespace Winnow.Scoring.Common;

/// <summary>
/// Registers a lab's TorchScript classifier: checks that it loads and returns [1, classes] for the card's input,
/// then copies it into a models folder as ID.pt + ID.card.json (ID = first 16 hex digits of the content hash).
/// </summary>
public static class ModelImport
{
    /// <summary>Imports <paramref name="modelPath"/> with <paramref name="cardPath"/> into <paramref name="modelsDir"/>; returns the stored weights path.</summary>
    public static string Import(string modelPath, string cardPath, string modelsDir)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{modelPath}: model file not found.", modelPath);
        var card = ModelCard.Load(cardPath);
        if (card.Classes.Count == 0) throw new InvalidDataException($"{cardPath}: the card lists no classes; add \"classes\" in the model's output order.");
        if (card.Input.Width <= 0 || card.Input.Height <= 0 || card.Input.Channels is not (1 or 3))
            throw new InvalidDataException($"{cardPath}: input must give channels (1 or 3), height and width.");
        using (var module = ScriptModule.Load(modelPath).Eval())
        using (var scope = torch.NewScope())
        using (torch.NoGrad())
        {
            var output = module.Forward(torch.Zeros(1, card.Input.Channels, card.Input.Height, card.Input.Width));
            if (output.Dim != 2 || output.Shape[1] != card.Classes.Count)
                throw new InvalidDataException($"{modelPath}: returns shape [{string.Join(", ", output.Shape)}] for one {card.Input.Width}×{card.Input.Height} image, but the card lists {card.Classes.Count} classes.");
        }
        var hash = ModelFiles.ContentHash(modelPath);
        Directory.CreateDirectory(modelsDir);
        var stem = hash[..16];
        var target = Path.Combine(modelsDir, stem + ".pt");
        File.Copy(modelPath, target, overwrite: true);
        card.Id = hash;
        card.Architecture = "torchscript";
        if (string.IsNullOrEmpty(card.Name)) card.Name = Path.GetFileNameWithoutExtension(modelPath);
        card.Save(ModelFiles.CardPath(target));
        return target;
    }
}
