using System.Text.Json.Nodes;
using Winnow.Formats;
using Winnow.Formats.Cbf;
using Winnow.Formats.Diffraction;
using Winnow.Formats.IO;
using Winnow.Formats.Smv;
using Winnow.Scoring.Common;
using Winnow.Torch;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// Scores detector images (miniCBF, SMV; .gz/.bz2 too): decode → <see cref="Preprocess"/> → <see cref="DiffractionNet"/>
/// → class with probabilities and, unless blank, the resolution in Å (<see cref="ImageScore.Value"/>).
/// </summary>
public sealed class DiffractionScorer : IImageScorer
{
    private readonly DiffractionNet model;

    /// <summary>Loads NAME.safetensors + NAME.card.json; null loads the shipped default model. Batches matter on a CPU: one
    /// forward pass of 8 shots costs about what one of a single shot does. <paramref name="precision"/> bfloat16 runs the
    /// network in bfloat16 (see <see cref="DiffractionNet.ToPrecision"/>).</summary>
    public DiffractionScorer(string? weights = null, int batchSize = 32, ScalarType precision = ScalarType.Float32)
    {
        weights ??= ModelFiles.DefaultWeights("diffraction");
        Card = ModelFiles.LoadCard(weights);
        if (Card.Job != "diffraction")
            throw new InvalidDataException($"{weights}: a '{Card.Job}' model, not a diffraction model");
        model = DiffractionNet.FromCard(Card, weights);
        model.Eval().ToChannelsLast();
        model.ToPrecision(precision);
        BatchSize = batchSize;
    }

    /// <inheritdoc/>
    public string Job => "diffraction";

    /// <inheritdoc/>
    public ModelCard Card { get; }

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <summary>Reads a CBF or SMV detector image; anything else is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static DetectorImage Read(string file)
    {
        var bytes = Compression.ReadAllBytes(file);
        return FileKinds.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)), file, bytes.Length) switch
        {
            FileKind.Cbf => CbfReader.Read(bytes, file),
            FileKind.Smv => SmvReader.Read(bytes, file),
            _ => throw new InvalidDataException("not a CBF or SMV detector image"),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files)
    {
        var results = new ImageScore[files.Count];
        for (int start = 0; start < files.Count; start += BatchSize)
        {
            var loaded = new List<(int Index, DiffractionInput Input)>();
            for (int i = start; i < Math.Min(files.Count, start + BatchSize); i++)
            {
                try
                {
                    loaded.Add((i, Preprocess.Run(Read(files[i]), Card.Input.Width, Card.Input.Channels)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or WinnowFormatException or FormatException)
                {
                    results[i] = ImageScore.Failed(files[i], Card.Id, $"{files[i]}: {e.Message}");
                }
            }
            if (loaded.Count == 0) continue;
            var predictions = Evaluate.Predict(model, loaded.Select(l => l.Input).ToList(), BatchSize);
            for (int j = 0; j < loaded.Count; j++)
                results[loaded[j].Index] = ToScore(files[loaded[j].Index], predictions[j]);
        }
        return results;
    }

    private ImageScore ToScore(string file, DiffractionPrediction p)
    {
        var probabilities = new Dictionary<string, double>();
        for (int c = 0; c < p.Probabilities.Length; c++) probabilities[DiffractionNet.Classes[c]] = p.Probabilities[c];
        string cls = DiffractionNet.Classes[p.Class];
        double? resolution = cls == "blank" ? null : Math.Round(p.ResolutionA, 3);
        return new ImageScore(file, cls, probabilities, resolution, new Dictionary<string, bool>(), Card.Id);
    }

    /// <summary>The --json object of one scored image: file, class, probabilities (class → p), resolution_A (null when blank), model.</summary>
    public static JsonObject ToJson(ImageScore s) => new()
    {
        ["file"] = s.File,
        ["class"] = s.Class,
        ["probabilities"] = new JsonObject(s.Probabilities.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 4)))),
        ["resolution_A"] = s.Value,
        ["model"] = s.ModelId,
    };

    /// <inheritdoc/>
    public void Dispose() => model.Dispose();
}
