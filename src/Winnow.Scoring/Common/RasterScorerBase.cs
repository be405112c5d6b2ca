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
        precision = card.InferenceType();
        card.Tiles?.Validate(card.Name, card.Classes.Count, requireCombiner: false);
        classWeights = ClassDecision.WeightsOf(card);
        mean = Channelwise(card.Input.Mean, 0.0);
        std = Channelwise(card.Input.Std, 1.0);
    }

    private readonly int views;
    private readonly ScalarType precision;
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

    /// <summary>The side photographs are decoded at: the input side, or the magnified side of a model that reads tiles.</summary>
    public (int Width, int Height) DecodedSize => Card.Tiles is { } tiles
        ? (tiles.DecodedSide(Card.Input.Width), tiles.DecodedSide(Card.Input.Height))
        : (Card.Input.Width, Card.Input.Height);

    /// <summary>Decodes one file to an HWC float tensor in [0, 1] at <see cref="DecodedSize"/>.</summary>
    public Tensor LoadHwc(string file)
    {
        var bytes = RasterReader.ReadEncoded(file);
        var mode = Card.Input.Channels == 1 ? ImageReadMode.Grey : ImageReadMode.Color;
        var (width, height) = DecodedSize;
        using var hwc = RasterFraming.DecodeResized(bytes, width, height, mode, Crop);
        using var f = hwc.To(ScalarType.Float32);
        return f / 255.0;
    }

    /// <summary>
    /// Class probabilities [N, classes] on the CPU for a batch [N, C, H, W] in [0, 1] at <see cref="DecodedSize"/>:
    /// the network's, or for a model that reads tiles the combination of the whole's and the tiles'.
    /// </summary>
    public Tensor Probabilities(Tensor batch)
    {
        if (Card.Tiles is not { } tiles) return ViewProbabilities(batch, views);
        tiles.Validate(Card.Name, Card.Classes.Count, requireCombiner: true);
        var (whole, parts) = TileParts(batch);
        var k = Card.Classes.Count;
        return torch.FromArray(tiles.Combine(whole, parts, k), whole.Length / k, k);
    }

    /// <summary>
    /// For a model that reads tiles: the whole's probabilities [N × k] (the decoded batch averaged down to the input
    /// side, scored with the card's test-time views) and every tile's [N·T × k] (one view each, image after image).
    /// </summary>
    public (float[] Whole, float[] Tiles) TileParts(Tensor batch)
    {
        var tiles = Card.Tiles ?? throw new InvalidOperationException($"{Card.Name} does not read tiles.");
        using var scope = torch.NewScope();
        int side = Card.Input.Width, n = (int)batch.Shape[0];
        if (batch.Shape[2] != tiles.DecodedSide(Card.Input.Height) || batch.Shape[3] != tiles.DecodedSide(side))
            throw new ArgumentException($"{Card.Name} reads tiles of images decoded at {tiles.DecodedSide(side)}², not {batch.Shape[3]} × {batch.Shape[2]}.");
        var whole = Torch.nn.F.AvgPool2d(batch, tiles.Magnification).ToChannelsLast();
        var wholeProbabilities = ViewProbabilities(whole, views).ToArray<float>();
        var origins = tiles.Origins(side);
        var cut = torch.Stack(origins.Select(o => batch.Slice(2, o.Y, o.Y + side).Slice(3, o.X, o.X + side)).ToList(), 1)
            .Reshape(n * origins.Count, batch.Shape[1], side, side);
        var k = Card.Classes.Count;
        var tileProbabilities = new float[n * origins.Count * k];
        // In batches of the scorer's size: all tiles of a batch at once would hold T times the activations.
        for (var start = 0; start < n * origins.Count; start += BatchSize)
        {
            using var chunkScope = torch.NewScope();
            var count = Math.Min(BatchSize, n * origins.Count - start);
            ViewProbabilities(cut.Slice(0, start, start + count).ToChannelsLast(), 1).ToArray<float>().CopyTo(tileProbabilities.AsSpan(start * k));
        }
        return (wholeProbabilities, tileProbabilities);
    }

    /// <summary>The network's probabilities [N, classes] on the CPU, averaged over the first <paramref name="viewCount"/> test-time views.</summary>
    private Tensor ViewProbabilities(Tensor batch, int viewCount)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewScope();
        // The mean of the views' probabilities (not of their logits): each view votes with a calibrated distribution.
        return TestTimeViews.Mean((batch.To(Device) - mean) / std, viewCount, view =>
        {
            Tensor logits;
            using (precision == ScalarType.Float32 ? null : torch.Autocast(Device.Type, precision))
                logits = Logits(view);
            if (logits.Dim != 2 || logits.Shape[1] != Card.Classes.Count)
                throw new InvalidDataException($"{Card.Name}: the model returns shape [{string.Join(", ", logits.Shape)}] but the card lists {Card.Classes.Count} classes.");
            return Torch.nn.F.Softmax(logits.To(ScalarType.Float32), 1);
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
