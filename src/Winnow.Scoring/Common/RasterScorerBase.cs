using Winnow.Formats;
using Winnow.Formats.Raster;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Common;

/// <summary>
/// What every raster classifier shares, whatever runs the network (a native ResNet or a TorchScript module):
/// the card's preprocessing (decode and resize in one native call, scale to [0, 1], normalise), batching,
/// per-file failures, argmax and threshold flags. While one batch runs through the network the next batch is
/// decoded on another thread, so JPEG decoding costs no model time.
/// </summary>
public abstract class RasterScorerBase : IImageScorer
{
    private readonly Tensor mean, std;

    /// <summary>Sets up normalisation for <paramref name="card"/> on <paramref name="device"/>.</summary>
    protected RasterScorerBase(ModelCard card, Device device, int batchSize)
    {
        if (card.Classes.Count == 0) throw new InvalidDataException($"the model card of {card.Name} lists no classes; add \"classes\" in the model's output order.");
        Card = card;
        Device = device;
        BatchSize = batchSize;
        views = TestTimeViews.Count(card);
        Crop = card.InputFraming();
        classWeights = ClassDecision.WeightsOf(card);
        mean = Channelwise(card.Input.Mean, 0.0);
        std = Channelwise(card.Input.Std, 1.0);
    }

    private readonly int views;
    private readonly double[]? classWeights;

    /// <summary>How photographs are framed before resizing, from the card.</summary>
    public InputCrop Crop { get; }

    private Tensor Channelwise(List<double> values, double fallback)
    {
        var channels = Card.Input.Channels;
        var v = Enumerable.Range(0, channels).Select(i => (float)(values.Count == 0 ? fallback : values[Math.Min(i, values.Count - 1)])).ToArray();
        return torch.FromArray(v, 1, channels, 1, 1).To(Device).DetachFromDisposeScope();
    }

    /// <summary>The device the network runs on.</summary>
    protected Device Device { get; }

    /// <inheritdoc/>
    public string Job => Card.Job;

    /// <inheritdoc/>
    public ModelCard Card { get; }

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <summary>The network's logits [N, classes] for a normalised batch already on <see cref="Device"/>.</summary>
    protected abstract Tensor Logits(Tensor normalised);

    /// <summary>Decodes one file to an HWC float tensor in [0, 1] at the model's input size.</summary>
    public Tensor LoadHwc(string file)
    {
        var bytes = RasterReader.ReadEncoded(file);
        var mode = Card.Input.Channels == 1 ? ImageReadMode.Grey : ImageReadMode.Color;
        using var hwc = RasterFraming.DecodeResized(bytes, Card.Input.Width, Card.Input.Height, mode, Crop);
        using var f = hwc.To(ScalarType.Float32);
        return f / 255.0;
    }

    /// <summary>Class probabilities [N, classes] on the CPU for a batch [N, C, H, W] in [0, 1].</summary>
    public Tensor Probabilities(Tensor batch)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewScope();
        // The mean of the views' probabilities (not of their logits): each view votes with a calibrated distribution.
        return TestTimeViews.Mean((batch.To(Device) - mean) / std, views, view =>
        {
            var logits = Logits(view);
            if (logits.Dim != 2 || logits.Shape[1] != Card.Classes.Count)
                throw new InvalidDataException($"{Card.Name}: the model returns shape [{string.Join(", ", logits.Shape)}] but the card lists {Card.Classes.Count} classes.");
            return Torch.nn.F.Softmax(logits, 1);
        }).Cpu().MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files)
    {
        var results = new ImageScore[files.Count];
        var starts = Enumerable.Range(0, (files.Count + BatchSize - 1) / BatchSize).Select(b => b * BatchSize).ToList();
        Task<DecodedBatch>? next = starts.Count > 0 ? Task.Run(() => Decode(files, starts[0], results)) : null;
        for (var b = 0; b < starts.Count; b++)
        {
            using var batch = next!.Result;
            // The start is read here, not inside the task: the task may run after the loop variable has moved on.
            var nextStart = b + 1 < starts.Count ? starts[b + 1] : -1;
            next = nextStart >= 0 ? Task.Run(() => Decode(files, nextStart, results)) : null;
            if (batch.Indices.Count == 0) continue;
            using var probabilities = Probabilities(batch.Images!);
            var p = probabilities.ToArray<float>();
            var k = Card.Classes.Count;
            for (var j = 0; j < batch.Indices.Count; j++)
                results[batch.Indices[j]] = ToScore(files[batch.Indices[j]], p.AsSpan(j * k, k));
        }
        return results;
    }

    /// <summary>Decodes one batch; unreadable files get their failure recorded and are left out.</summary>
    private DecodedBatch Decode(IReadOnlyList<string> files, int start, ImageScore[] results)
    {
        var indices = new List<int>();
        var images = new List<Tensor>();
        try
        {
            for (var i = start; i < Math.Min(files.Count, start + BatchSize); i++)
            {
                try
                {
                    images.Add(LoadHwc(files[i]));
                    indices.Add(i);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or TorchException or InvalidDataException or FormatException)
                {
                    results[i] = ImageScore.Failed(files[i], Card.Id, $"{files[i]}: {WinnowFormatException.ProblemOf(e)}");
                }
            }
            if (images.Count == 0) return new DecodedBatch(indices, null);
            // NHWC stacked, then viewed as NCHW: the batch keeps channels-last strides, which oneDNN's
            // convolutions run faster than the plain NCHW layout on the CPU.
            using var nhwc = torch.Stack(images);
            return new DecodedBatch(indices, nhwc.Permute(0, 3, 1, 2));
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    private sealed record DecodedBatch(List<int> Indices, Tensor? Images) : IDisposable
    {
        public void Dispose() => Images?.Dispose();
    }

    /// <summary>Post-processing: the decided class (argmax, with the card's class weights), probabilities by name, and one flag per thresholded class.</summary>
    protected virtual ImageScore ToScore(string file, ReadOnlySpan<float> p)
    {
        var best = ClassDecision.Decide(p, classWeights);
        var probabilities = new Dictionary<string, double>();
        for (var c = 0; c < p.Length; c++) probabilities[Card.Classes[c]] = p[c];
        var flags = Card.Thresholds.ToDictionary(t => t.Key.ToLowerInvariant(), t => probabilities.GetValueOrDefault(t.Key) >= t.Value);
        return new ImageScore(file, Card.Classes[best], probabilities, null, flags, Card.Id);
    }

    /// <summary>Frees the network.</summary>
    protected abstract void DisposeNetwork();

    /// <inheritdoc/>
    public void Dispose()
    {
        DisposeNetwork();
        mean.Dispose();
        std.Dispose();
        GC.SuppressFinalize(this);
    }
}
