using Winnow.Torch;
using Winnow.Torch.Jit;
using Winnow.Torch.nn;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Common;

/// <summary>
/// Scores raster images with a lab's own TorchScript classifier (exported from PyTorch with torch.jit.trace or
/// script): its card gives input size, normalisation and class names; the output is logits [N, classes].
/// Preprocessing is the same as for native models, so the two are interchangeable.
/// </summary>
public sealed class TorchScriptClassifierScorer : IImageScorer
{
    private readonly ScriptModule module;
    private readonly Device device;
    private readonly Tensor mean, std;

    /// <summary>Loads MODEL.pt and MODEL.card.json.</summary>
    public TorchScriptClassifierScorer(string path, Device? device = null, int batchSize = 32)
    {
        Card = ModelFiles.LoadCard(path);
        if (Card.Classes.Count == 0) throw new InvalidDataException($"{ModelFiles.CardPath(path)}: the card lists no classes; add \"classes\" in the model's output order.");
        this.device = device ?? Device.CPU;
        BatchSize = batchSize;
        module = ScriptModule.Load(path, this.device).Eval();
        var c = Card.Input.Channels;
        mean = torch.FromArray(Enumerable.Range(0, c).Select(i => (float)(Card.Input.Mean.Count == 0 ? 0 : Card.Input.Mean[Math.Min(i, Card.Input.Mean.Count - 1)])).ToArray(), 1, c, 1, 1).To(this.device).DetachFromDisposeScope();
        std = torch.FromArray(Enumerable.Range(0, c).Select(i => (float)(Card.Input.Std.Count == 0 ? 1 : Card.Input.Std[Math.Min(i, Card.Input.Std.Count - 1)])).ToArray(), 1, c, 1, 1).To(this.device).DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public string Job => Card.Job;

    /// <inheritdoc/>
    public ModelCard Card { get; }

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <summary>Class probabilities [N, classes] for a batch [N, C, H, W] in [0, 1].</summary>
    public Tensor Probabilities(Tensor batch)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewScope();
        var logits = module.Forward((batch.To(device) - mean) / std);
        if (logits.Dim != 2 || logits.Shape[1] != Card.Classes.Count)
            throw new InvalidDataException($"{module.Path}: the model returns shape [{string.Join(", ", logits.Shape)}] but the card lists {Card.Classes.Count} classes.");
        return F.Softmax(logits, 1).Cpu().MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files)
    {
        var results = new ImageScore[files.Count];
        var mode = Card.Input.Channels == 1 ? ImageReadMode.Grey : ImageReadMode.Color;
        for (var start = 0; start < files.Count; start += BatchSize)
        {
            using var scope = torch.NewScope();
            var loaded = new List<(int Index, Tensor Image)>();
            for (var i = start; i < Math.Min(files.Count, start + BatchSize); i++)
            {
                try
                {
                    var hwc = Cv.DecodeResized(File.ReadAllBytes(files[i]), Card.Input.Width, Card.Input.Height, mode);
                    loaded.Add((i, hwc.Permute(2, 0, 1).To(ScalarType.Float32) / 255.0));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or TorchException or InvalidDataException)
                {
                    results[i] = ImageScore.Failed(files[i], Card.Id, $"{files[i]}: {e.Message}");
                }
            }
            if (loaded.Count == 0) continue;
            var p = Probabilities(torch.Stack(loaded.Select(l => l.Image).ToList())).ToArray<float>();
            var k = Card.Classes.Count;
            for (var j = 0; j < loaded.Count; j++)
            {
                var row = p.AsSpan(j * k, k);
                var best = 0;
                for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
                var probabilities = new Dictionary<string, double>();
                for (var c = 0; c < k; c++) probabilities[Card.Classes[c]] = row[c];
                var flags = Card.Thresholds.ToDictionary(t => t.Key.ToLowerInvariant(), t => probabilities.GetValueOrDefault(t.Key) >= t.Value);
                results[loaded[j].Index] = new ImageScore(files[loaded[j].Index], Card.Classes[best], probabilities, null, flags, Card.Id);
            }
        }
        return results;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        module.Dispose();
        mean.Dispose();
        std.Dispose();
    }
}
