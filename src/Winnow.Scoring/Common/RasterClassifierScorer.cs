using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Common;

/// <summary>
/// Scores raster images (JPEG/PNG/TIFF/BMP) with a torchvision-style ResNet classifier described by a model card:
/// decode and resize in one native call, scale to [0, 1], normalise, batch, softmax, argmax, thresholds.
/// The drop and atlas jobs build on it; any card with a ResNet architecture and raster input can use it.
/// </summary>
public class RasterClassifierScorer : IImageScorer
{
    private readonly ResNet model;
    private readonly Device device;
    private readonly Tensor mean, std;

    /// <summary>Loads weights and card (NAME.safetensors + NAME.card.json) onto a device.</summary>
    public RasterClassifierScorer(string weights, Device? device = null, int batchSize = 32)
    {
        Card = ModelFiles.LoadCard(weights);
        this.device = device ?? Device.CPU;
        BatchSize = batchSize;
        model = ResNet.Create(Card.Architecture, Card.Classes.Count, Card.Input.Channels);
        var (state, _) = SafeTensors.Load(weights);
        model.LoadStateDict(state);
        foreach (var t in state.Values) t.Dispose();
        model.To(this.device).Eval();
        var channels = Card.Input.Channels;
        mean = Channelwise(Card.Input.Mean, channels, 0.0);
        std = Channelwise(Card.Input.Std, channels, 1.0);
    }

    private Tensor Channelwise(List<double> values, int channels, double fallback)
    {
        var v = Enumerable.Range(0, channels).Select(i => (float)(values.Count == 0 ? fallback : values[Math.Min(i, values.Count - 1)])).ToArray();
        return torch.FromArray(v, 1, channels, 1, 1).To(device).DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public string Job => Card.Job;

    /// <inheritdoc/>
    public ModelCard Card { get; }

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <summary>The underlying network (for fine-tuning and evaluation).</summary>
    public ResNet Model => model;

    /// <summary>Decodes one file to a CHW float tensor in [0, 1] at the model's input size.</summary>
    public Tensor Load(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var mode = Card.Input.Channels == 1 ? ImageReadMode.Grey : ImageReadMode.Color;
        using var hwc = Cv.DecodeResized(bytes, Card.Input.Width, Card.Input.Height, mode);
        using var chw = hwc.Permute(2, 0, 1);
        using var f = chw.To(ScalarType.Float32);
        return f / 255.0;
    }

    /// <summary>Class probabilities [N, classes] for a batch [N, C, H, W] in [0, 1].</summary>
    public Tensor Probabilities(Tensor batch)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewScope();
        var x = (batch.To(device) - mean) / std;
        return F.Softmax(model.Forward(x), 1).Cpu().MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files)
    {
        var results = new ImageScore[files.Count];
        for (var start = 0; start < files.Count; start += BatchSize)
        {
            using var scope = torch.NewScope();
            var loaded = new List<(int Index, Tensor Image)>();
            for (var i = start; i < Math.Min(files.Count, start + BatchSize); i++)
            {
                try
                {
                    loaded.Add((i, Load(files[i])));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or TorchException or InvalidDataException)
                {
                    results[i] = ImageScore.Failed(files[i], Card.Id, $"{files[i]}: {e.Message}");
                }
            }
            if (loaded.Count == 0) continue;
            var probabilities = Probabilities(torch.Stack(loaded.Select(l => l.Image).ToList())).ToArray<float>();
            var k = Card.Classes.Count;
            for (var j = 0; j < loaded.Count; j++)
            {
                var p = probabilities.AsSpan(j * k, k);
                results[loaded[j].Index] = ToScore(files[loaded[j].Index], p);
            }
        }
        return results;
    }

    /// <summary>Post-processing: argmax class, probabilities by name, and one flag per thresholded class.</summary>
    protected virtual ImageScore ToScore(string file, ReadOnlySpan<float> p)
    {
        var best = 0;
        for (var c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
        var probabilities = new Dictionary<string, double>();
        for (var c = 0; c < p.Length; c++) probabilities[Card.Classes[c]] = p[c];
        var flags = Card.Thresholds.ToDictionary(t => t.Key.ToLowerInvariant(), t => probabilities.GetValueOrDefault(t.Key) >= t.Value);
        return new ImageScore(file, Card.Classes[best], probabilities, null, flags, Card.Id);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        model.Dispose();
        mean.Dispose();
        std.Dispose();
        GC.SuppressFinalize(this);
    }
}
