using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Winnow.Torch;

namespace Winnow.Scoring.Common;

/// <summary>
/// What a model is and how well it does, saved as JSON beside its weights (model.safetensors + model.card.json):
/// the job, architecture, classes, input and preprocessing, post-processing thresholds, how it was trained
/// (the one command that reproduces it, seed, data) and metrics measured on held-out data.
/// </summary>
public sealed record ModelCard
{
    /// <summary>Content hash (SHA-256 hex) of the weights file; set when the card is saved or loaded beside them.</summary>
    public string Id { get; set; } = "";
    /// <summary>Human name, e.g. "winnow-drops-resnet18-v1".</summary>
    public string Name { get; set; } = "";
    /// <summary>drops, diffraction, classes or squares.</summary>
    public string Job { get; set; } = "";
    /// <summary>Architecture name understood by the job's Model file (e.g. resnet18), or "torchscript".</summary>
    public string Architecture { get; set; } = "";
    /// <summary>Output classes, in logit order.</summary>
    public List<string> Classes { get; set; } = new();
    /// <summary>Input tensor: channels, height, width, and normalisation.</summary>
    public ModelInput Input { get; set; } = new();
    /// <summary>
    /// Test-time augmentation of raster classifiers: "none", or "dihedral8" (the class probabilities averaged over the
    /// image's four quarter-turns, each also mirrored: 8× the network time, for a model trained with rotations and
    /// flips, whose class does not depend on the image's orientation). Thresholds must be tuned with the same setting.
    /// </summary>
    public string TestTimeAugmentation { get; set; } = TestTimeViews.None;
    /// <summary>
    /// Raster classifiers that also read the photograph in magnified tiles (<see cref="TileReading"/>); missing for a
    /// model that sees only the whole image. Thresholds must be tuned on the combined probabilities.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TileReading? Tiles { get; set; }
    /// <summary>
    /// What raster classifiers compute the network in: missing or "float32", or "bfloat16" (autocast: convolutions in
    /// bfloat16, about half the time on CPUs with AVX-512 BF16 or AMX). Thresholds must be tuned with the same setting.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InferencePrecision { get; set; }
    /// <summary>Per-class decision thresholds applied in post-processing (class → probability).</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new();
    /// <summary>
    /// Per-class weights on the probabilities when the class is decided (the class is the largest weight × p); empty
    /// or missing classes mean 1, i.e. plain argmax. Fitted on validation data by calibration, never on the test set.
    /// </summary>
    public Dictionary<string, double> ClassWeights { get; set; } = new();
    /// <summary>How the model was made: command, seed, data, epochs.</summary>
    public JsonObject Training { get; set; } = new();
    /// <summary>Held-out metrics (never measured on training or validation data).</summary>
    public JsonObject Metrics { get; set; } = new();
    /// <summary>Job-specific preprocessing settings.</summary>
    public JsonObject Preprocessing { get; set; } = new();
    /// <summary>Job-specific stages after the network, fitted on data apart from the held-out set (diffraction: the lattice stage).</summary>
    public JsonObject Postprocessing { get; set; } = new();
    /// <summary>Free notes: limitations, results on real data.</summary>
    public List<string> Notes { get; set; } = new();
    /// <summary>UTC time the card was written.</summary>
    public DateTime Created { get; set; } = DateTime.UtcNow;

    /// <summary>The element type of <see cref="InferencePrecision"/>; a value no scorer knows is refused naming the model.</summary>
    public ScalarType InferenceType() => InferencePrecision switch
    {
        null or "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        _ => throw new InvalidDataException($"the model card of {Name} says inference_precision '{InferencePrecision}'; use float32 or bfloat16."),
    };

    /// <summary>The input's framing (<see cref="ModelInput.Crop"/>); a value no scorer knows is refused naming the model.</summary>
    public InputCrop InputFraming()
    {
        try
        {
            return InputCrops.Parse(Input.Crop);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"the model card of {Name}: input {e.Message}");
        }
    }

    /// <summary>Records that this model continues <paramref name="baseCard"/>'s weights: its id, and its whole training
    /// record, so that the card still says how to rebuild the model from nothing.</summary>
    public void RecordContinuedFrom(ModelCard baseCard)
    {
        Training["base_model"] = baseCard.Id;
        Training["base_training"] = baseCard.Training.DeepClone();
    }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads a card; a malformed one gives an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ModelCard Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model card not found", path);
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: the model card is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid model card ({e.Message})");
        }
    }

    /// <summary>Writes the card as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>The tensor a model expects.</summary>
public sealed record ModelInput
{
    /// <summary>Channels (1 grey, 3 RGB).</summary>
    public int Channels { get; set; } = 3;
    /// <summary>Height in pixels.</summary>
    public int Height { get; set; } = 224;
    /// <summary>Width in pixels.</summary>
    public int Width { get; set; } = 224;
    /// <summary>Per-channel mean subtracted after scaling to [0, 1].</summary>
    public List<double> Mean { get; set; } = new();
    /// <summary>Per-channel standard deviation divided by.</summary>
    public List<double> Std { get; set; } = new();
    /// <summary>What of the photograph is resized to the input: "full" (the whole frame; cards without the field) or "well" (<see cref="InputCrop.Well"/>).</summary>
    public string Crop { get; set; } = InputCrops.Name(InputCrop.Full);
}
