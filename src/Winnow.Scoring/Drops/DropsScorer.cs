using Winnow.Scoring.Common;

namespace Winnow.Scoring.Drops;

/// <summary>
/// Scores drop photographs with a native drops model (safetensors) or an imported TorchScript classifier (.pt):
/// four-way softmax, argmax class, and the crystal and clear flags from the card's tuned thresholds.
/// </summary>
public sealed class DropsScorer : IImageScorer
{
    private readonly RasterScorerBase inner;

    private DropsScorer(RasterScorerBase inner) => this.inner = inner;

    /// <summary>
    /// Opens a model file: .pt (TorchScript, card beside it) or .safetensors (native); <paramref name="card"/>, when given,
    /// replaces the card on disk (calibration scores with a setting before saving it).
    /// </summary>
    public static DropsScorer Open(string weights, int batchSize = 32, ModelCard? card = null)
    {
        card ??= ModelFiles.LoadCard(weights);
        RasterScorerBase inner = card.Architecture == "torchscript" || weights.EndsWith(".pt", StringComparison.OrdinalIgnoreCase)
            ? new TorchScriptClassifierScorer(weights, batchSize: batchSize, card: card)
            : new RasterClassifierScorer(weights, batchSize: batchSize, card: card);
        return new DropsScorer(inner);
    }

    /// <inheritdoc/>
    public string Job => DropsModel.Job;

    /// <inheritdoc/>
    public ModelCard Card => inner.Card;

    /// <inheritdoc/>
    public int BatchSize => inner.BatchSize;

    /// <summary>Class probabilities [N, 4] for a batch [N, 3, H, W] in [0, 1] at the card's input size (evaluation on decoded sets).</summary>
    public Winnow.Torch.Tensor Probabilities(Winnow.Torch.Tensor batch) => inner.Probabilities(batch);

    /// <summary>Class probabilities of every image of a decoded set, [Count × 4] row after row (evaluation and threshold tuning).</summary>
    public float[] Probabilities(DropImageSet set, int batchSize = 64)
    {
        CheckFraming(set);
        var k = Card.Classes.Count;
        var result = new float[set.Count * k];
        for (var start = 0; start < set.Count; start += batchSize)
        {
            using var scope = Winnow.Torch.torch.NewScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, set.Count - start)).ToArray();
            Probabilities(set.Batch(indices)).ToArray<float>().CopyTo(result.AsSpan(start * k));
        }
        return result;
    }

    /// <summary>For a model that reads tiles, the whole's and the tiles' probabilities of every image of a set (fitting the combiner).</summary>
    public (float[] Whole, float[] Tiles) TileParts(DropImageSet set, int batchSize = 32)
    {
        CheckFraming(set);
        var whole = new List<float>();
        var tiles = new List<float>();
        for (var start = 0; start < set.Count; start += batchSize)
        {
            using var scope = Winnow.Torch.torch.NewScope();
            var (w, t) = inner.TileParts(set.Batch(Enumerable.Range(start, Math.Min(batchSize, set.Count - start)).ToArray()));
            whole.AddRange(w);
            tiles.AddRange(t);
        }
        return (whole.ToArray(), tiles.ToArray());
    }

    /// <summary>The side a set must be decoded at for this model: its input side, or the magnified side when it reads tiles.</summary>
    public int DecodedSide => inner.DecodedSize.Width;

    private void CheckFraming(DropImageSet set)
    {
        // A set decoded another way than the card says would be scored without complaint and score worse.
        if (set.Crop != inner.Crop || set.Size != DecodedSide)
            throw new ArgumentException($"the images are {set.Size}² framed '{InputCrops.Name(set.Crop)}' but {Card.Name} takes {DecodedSide}² framed '{Card.Input.Crop}'.");
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageScore> Score(IReadOnlyList<string> files) => inner.Score(files).Select(WithFlags).ToList();

    /// <summary>Replaces generic per-class flags with the drops flags: crystal (p(Crystals) ≥ t) and clear (p(Clear) ≥ t).</summary>
    private ImageScore WithFlags(ImageScore score)
    {
        if (!score.Ok) return score;
        var flags = new Dictionary<string, bool>();
        foreach (var (cls, flag) in Thresholds.Flags)
            if (Card.Thresholds.TryGetValue(cls, out var t)) flags[flag] = score.Probabilities.GetValueOrDefault(cls) >= t;
        return score with { Flags = flags };
    }

    /// <inheritdoc/>
    public void Dispose() => inner.Dispose();
}
