using System.Collections.Concurrent;
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
/// → class with probabilities and, unless blank, the resolution in Å (<see cref="ImageScore.Value"/>); when the card has a
/// <see cref="LatticeStage"/>, the spots of the full image decide single vs multi together with the network, and a
/// <see cref="ResolutionStage"/> recalibrates the resolution.
/// </summary>
public sealed class DiffractionScorer : IImageScorer
{
    private readonly DiffractionNet model;
    private readonly LatticeStage? stage;
    private readonly ResolutionStage? resolutionStage;
    // At most LoadThreads sets (a file's bytes and pixels each, ~31 MB for a Pilatus 6M), kept for the scorer's life.
    private readonly ConcurrentBag<ReadBuffers> idleBuffers = new();

    /// <summary>Loads NAME.safetensors + NAME.card.json; null loads the shipped default model. Batches matter on a CPU: one
    /// forward pass of 8 shots costs about what one of a single shot does. <paramref name="precision"/> bfloat16 runs the
    /// network in bfloat16 (see <see cref="DiffractionNet.ToPrecision"/>).</summary>
    public DiffractionScorer(string? weights = null, int batchSize = 32, ScalarType precision = ScalarType.Float32)
    {
        weights ??= ModelFiles.DefaultWeights("diffraction");
        Card = ModelFiles.LoadCard(weights);
        if (Card.Job != "diffraction")
            throw new InvalidDataException($"{weights}: a '{Card.Job}' model, not a diffraction model");
        model = DiffractionNet.ForInference(Card, weights);
        stage = LatticeStage.FromCard(Card);
        resolutionStage = ResolutionStage.FromCard(Card);
        model.ToPrecision(precision);
        BatchSize = batchSize;
        views = TestTimeViews.Count(Card);
    }

    private readonly int views;

    /// <inheritdoc/>
    public string Job => "diffraction";

    /// <inheritdoc/>
    public ModelCard Card { get; }

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <summary>Files read and preprocessed at once: every core this process may use (1 under <c>taskset -c 0</c>).</summary>
    public int LoadThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Widest rotation during one exposure for which the lattice stage still applies. The stage maps each spot to
    /// a reciprocal-lattice point as for a still; over an oscillation Δφ a spot's point is uncertain by Δφ·|s|, which
    /// at 0.5° and 3 Å (0.003 Å⁻¹) reaches the coherence's match tolerance.</summary>
    public const double MaxOscillationDeg = 0.5;

    /// <summary>True when the lattice stage may decide single vs multi for this image (a still, or a narrow rotation).</summary>
    public static bool AppliesTo(DetectorImage image) => (image.OscillationDeg ?? 0) <= MaxOscillationDeg;

    /// <summary>
    /// Reads a CBF or SMV detector image; anything else is an <see cref="InvalidDataException"/> naming the file. With
    /// <paramref name="buffers"/>, a CBF is read and decoded into that thread's reused arrays (valid until its next read).
    /// </summary>
    public static DetectorImage Read(string file, ReadBuffers? buffers = null)
    {
        var bytes = buffers?.ReadFile(file) ?? Compression.ReadAllBytes(file);
        var span = bytes.Span;
        return FileKinds.Detect(span[..Math.Min(span.Length, 4096)], file, span.Length) switch
        {
            FileKind.Cbf => CbfReader.Read(span, file, buffers),
            // SMV decodes into the reader's own pixel array (its 16-bit layouts are the rarer case here).
            FileKind.Smv => SmvReader.Read(span, file),
            _ => throw new InvalidDataException("not a CBF or SMV detector image"),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files)
    {
        var results = new ImageScore[files.Count];
        for (int start = 0; start < files.Count; start += BatchSize)
        {
            // Reading, decoding, preprocessing and spot finding are independent per file: one file per core, while the
            // network (libtorch's own threads) takes the batch afterwards. Results keep the order of the files.
            int end = Math.Min(files.Count, start + BatchSize);
            var slots = new (DiffractionInput Input, SpotEvidence Spots, bool StageApplies)?[end - start];
            // Each worker takes a set of reusable read buffers for the batch and gives it back afterwards.
            Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = LoadThreads }, () => idleBuffers.TryTake(out var b) ? b : new ReadBuffers(), (i, _, buffers) =>
            {
                try
                {
                    var image = Read(files[i], buffers);
                    // The lattice stage, when the card has one, needs the spots of the full-resolution image; on a rotation
                    // image it does not apply, and only the spot count is reported.
                    bool stageApplies = AppliesTo(image);
                    var spots = stage is null ? default : LatticeCoherence.Measure(image, withCoherence: stageApplies);
                    slots[i - start] = (Preprocess.Run(image, Card.Input.Width, Card.Input.Channels), spots, stageApplies);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or WinnowFormatException or FormatException)
                {
                    results[i] = ImageScore.Failed(files[i], Card.Id, $"{files[i]}: {e.Message}");
                }
                return buffers;
            }, idleBuffers.Add);
            var loaded = Enumerable.Range(start, end - start).Where(i => slots[i - start] is not null).Select(i => (Index: i, Slot: slots[i - start]!.Value)).ToList();
            if (loaded.Count == 0) continue;
            var predictions = Evaluate.Predict(model, loaded.Select(l => l.Slot.Input).ToList(), BatchSize, views);
            for (int j = 0; j < loaded.Count; j++)
            {
                var (index, (_, spots, stageApplies)) = loaded[j];
                var p = Evaluate.AfterStages(stage, resolutionStage, predictions[j], stageApplies ? spots : null);
                var measures = new Dictionary<string, double>();
                if (stage is not null)
                {
                    measures["spots"] = spots.Spots;
                    if (stageApplies) measures["lattice_coherence"] = Math.Round(spots.Coherence, 4);
                }
                results[index] = ToScore(files[index], p) with { Measures = measures };
            }
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

    /// <summary>The --json object of one scored image: file, class, probabilities (class → p), resolution_A (null when blank), model;
    /// with a lattice stage also spots and lattice_coherence.</summary>
    public static JsonObject ToJson(ImageScore s)
    {
        var json = Fields(s);
        foreach (var (key, value) in s.Measures) json[key] = value;
        return json;
    }

    private static JsonObject Fields(ImageScore s) => new()
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
