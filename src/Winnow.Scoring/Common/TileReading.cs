namespace Winnow.Scoring.Common;

/// <summary>
/// How a classifier reads a photograph in tiles as well as whole (<see cref="ModelCard.Tiles"/>): the framed photograph
/// is decoded at <see cref="Magnification"/> × the network's input side, the whole is scored at the input side (as
/// without tiles) and <see cref="Grid"/> × <see cref="Grid"/> overlapping tiles of the input side are scored at the
/// larger scale, where a crystal a few pixels across in the whole well is several times larger. A small multinomial
/// logistic regression (<see cref="Combiner"/>, fitted on validation images) turns the whole's probabilities and the
/// tiles' largest and mean probabilities into the final ones: a crystal seen clearly in one tile can outvote the
/// precipitate that covers most of the drop, as the MARCO priority asks.
/// </summary>
public sealed record TileReading
{
    /// <summary>Tiles per side; they overlap by half a tile when the magnification is 2 and the grid 3.</summary>
    public int Grid { get; set; } = 3;
    /// <summary>Decoded side over the network's input side.</summary>
    public int Magnification { get; set; } = 2;
    /// <summary>Combiner weights, one row per feature (<see cref="TileFeatures.Names"/>), one column per class.</summary>
    public List<List<double>> Combiner { get; set; } = new();

    /// <summary>Name suffix of a model that reads in tiles, so a model's name says how it reads a photograph.</summary>
    public const string NameSuffix = "-tiles";

    /// <summary>
    /// <paramref name="name"/> ending in <see cref="NameSuffix"/> when <paramref name="reading"/> reads tiles and not
    /// otherwise: calibration switches tiles on and off, and the name follows without growing a suffix per run.
    /// </summary>
    public static string NameFor(string name, TileReading? reading)
    {
        var plain = name.EndsWith(NameSuffix, StringComparison.Ordinal) ? name[..^NameSuffix.Length] : name;
        return reading is null ? plain : plain + NameSuffix;
    }

    /// <summary>The side the photograph is decoded at for a network input side of <paramref name="inputSide"/>.</summary>
    public int DecodedSide(int inputSide) => inputSide * Magnification;

    /// <summary>Top-left corners (x, y) of the tiles in a decoded image of side <paramref name="decoded"/>, row by row.</summary>
    public IReadOnlyList<(int X, int Y)> Origins(int inputSide)
    {
        var decoded = DecodedSide(inputSide);
        var stride = Grid == 1 ? 0 : (decoded - inputSide) / (Grid - 1);
        return Enumerable.Range(0, Grid * Grid).Select(t => (t % Grid * stride, t / Grid * stride)).ToList();
    }

    /// <summary>A setting no scorer could use is refused naming the model and what is wrong.</summary>
    public void Validate(string model, int classes, bool requireCombiner)
    {
        if (Grid is < 1 or > 8) throw new InvalidDataException($"{model}: tiles.grid {Grid} is not between 1 and 8.");
        if (Magnification is < 1 or > 4) throw new InvalidDataException($"{model}: tiles.magnification {Magnification} is not between 1 and 4.");
        if (Grid > 1 && Magnification == 1) throw new InvalidDataException($"{model}: {Grid} × {Grid} tiles need a magnification above 1.");
        var rows = TileFeatures.Count(classes);
        if (!requireCombiner && Combiner.Count == 0) return;
        if (Combiner.Count != rows || Combiner.Any(r => r.Count != classes || r.Any(v => !double.IsFinite(v))))
            throw new InvalidDataException($"{model}: tiles.combiner must be {rows} rows of {classes} finite weights (fit it with `winnow calibrate drops --tiles`).");
    }

    /// <summary>Final probabilities [N × k] from the whole's [N × k] and the tiles' [N·T × k] (image after image).</summary>
    public float[] Combine(float[] whole, float[] tiles, int classes)
    {
        var n = whole.Length / classes;
        var features = TileFeatures.Of(whole, tiles, classes, Grid * Grid);
        var result = new float[n * classes];
        var logits = new double[classes];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < classes; c++)
            {
                var z = 0.0;
                for (var f = 0; f < Combiner.Count; f++) z += features[i][f] * Combiner[f][c];
                logits[c] = z;
            }
            Softmax(logits, result.AsSpan(i * classes, classes));
        }
        return result;
    }

    /// <summary>The softmax of <paramref name="logits"/>, written as float into <paramref name="into"/>.</summary>
    public static void Softmax(ReadOnlySpan<double> logits, Span<float> into)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++) sum += Math.Exp(logits[c] - max);
        for (var c = 0; c < logits.Length; c++) into[c] = (float)(Math.Exp(logits[c] - max) / sum);
    }
}
