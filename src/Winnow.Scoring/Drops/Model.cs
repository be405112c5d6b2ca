using Winnow.Scoring.Common;
using Winnow.Simulation.Drops;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;

namespace Winnow.Scoring.Drops;

/// <summary>
/// The drop classifier: torchvision's ResNet-18 on colour input, four-way softmax (Clear, Crystals, Precipitate,
/// Other). Weights are stored as float16 in safetensors (22 MB instead of 45 MB, under the 25 MB repository budget)
/// and widened to float32 on load; float16 keeps 11 bits of mantissa, far below what changes a softmax decision.
/// </summary>
public static class DropsModel
{
    /// <summary>The job name.</summary>
    public const string Job = "drops";
    /// <summary>The default architecture.</summary>
    public const string Architecture = "resnet18";
    /// <summary>The architectures a drops model may have: ResNet-18, or ResNet-18 after a 2 × 2 space-to-depth fold
    /// (<see cref="ResNet.SpaceToDepthSuffix"/>), which trains and scores at 384² for about a third of the work.</summary>
    public static readonly IReadOnlyList<string> Architectures = [Architecture, Architecture + ResNet.SpaceToDepthSuffix];
    /// <summary>Default input side: a 1224×1024 photograph shrinks 5.5× in width, so a 15-pixel crystal keeps about three
    /// pixels (at 160 it kept two, and most needles, clusters and showers were lost among droplets and precipitate).</summary>
    public const int DefaultSize = 224;
    /// <summary>ImageNet normalisation, as torchvision models expect.</summary>
    public static readonly double[] Mean = [0.485, 0.456, 0.406];
    /// <summary>ImageNet standard deviations.</summary>
    public static readonly double[] Std = [0.229, 0.224, 0.225];

    /// <summary>A freshly initialised network of one of the <see cref="Architectures"/>.</summary>
    public static ResNet Create(string architecture = Architecture) =>
        Architectures.Contains(architecture)
            ? ResNet.Create(architecture, DropClasses.Names.Count, 3)
            : throw new ArgumentException($"drops architecture '{architecture}' is not one of {string.Join(", ", Architectures)}");

    /// <summary>A card for a drops model at input side <paramref name="size"/>.</summary>
    public static ModelCard NewCard(string name, int size, InputCrop crop = InputCrop.Full, string architecture = Architecture) => new()
    {
        Name = name,
        Job = Job,
        Architecture = architecture,
        Classes = DropClasses.Names.ToList(),
        Input = new ModelInput { Channels = 3, Height = size, Width = size, Mean = Mean.ToList(), Std = Std.ToList(), Crop = InputCrops.Name(crop) },
    };

    /// <summary>Normalises a [B, 3, H, W] batch in [0, 1] as the model expects.</summary>
    public static Tensor Normalise(Tensor x)
    {
        using var scope = torch.NewScope();
        var mean = torch.FromArray(Mean.Select(v => (float)v).ToArray(), 1, 3, 1, 1).To(x.Device);
        var std = torch.FromArray(Std.Select(v => (float)v).ToArray(), 1, 3, 1, 1).To(x.Device);
        return ((x - mean) / std).MoveToOuterDisposeScope();
    }

    /// <summary>Saves weights as float16 safetensors and the card beside them (its Id becomes the weights' hash).</summary>
    public static void Save(ResNet model, ModelCard card, string weights)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weights))!);
        using (var scope = torch.NewScope())
        {
            var state = model.StateDict().Select(kv => new KeyValuePair<string, Tensor>(kv.Key,
                kv.Value.Dtype.IsFloatingPoint() ? kv.Value.Detach().Cpu().To(ScalarType.Float16) : kv.Value.Detach().Cpu())).ToList();
            SafeTensors.Save(weights, state, new Dictionary<string, string> { ["job"] = Job, ["architecture"] = card.Architecture });
        }
        card.Id = ModelFiles.ContentHash(weights);
        card.Created = DateTime.UtcNow;
        card.Save(ModelFiles.CardPath(weights));
    }

    /// <summary>Loads a native drops model (weights of any float type) for training or evaluation.</summary>
    public static (ResNet Model, ModelCard Card) Load(string weights)
    {
        var card = ModelFiles.LoadCard(weights);
        if (!Architectures.Contains(card.Architecture))
            throw new InvalidDataException($"{weights}: architecture '{card.Architecture}' cannot be fine-tuned here; only {string.Join(" and ", Architectures)} drops models can.");
        var model = Create(card.Architecture);
        var (state, _) = SafeTensors.Load(weights);
        model.LoadStateDict(state);
        foreach (var t in state.Values) t.Dispose();
        return (model, card);
    }
}
