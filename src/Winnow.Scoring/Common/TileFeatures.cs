namespace Winnow.Scoring.Common;

/// <summary>
/// What the tile combiner sees of one photograph: a constant, the whole's log-probabilities, and per class the
/// tiles' largest log-probability, their mean log-probability and the log of their mean probability. Log-probabilities
/// because the evidence of a confident tile is in how close to 1 (or 0) it is; the floor keeps a certain 0 finite.
/// </summary>
public static class TileFeatures
{
    private const double Floor = 1e-5;

    /// <summary>Features per image for <paramref name="classes"/> classes.</summary>
    public static int Count(int classes) => 1 + 4 * classes;

    /// <summary>The features' names, in order, for <paramref name="classNames"/>.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> classNames) =>
        new[] { "constant" }
            .Concat(classNames.Select(c => $"log p_whole({c})"))
            .Concat(classNames.Select(c => $"max log p_tile({c})"))
            .Concat(classNames.Select(c => $"mean log p_tile({c})"))
            .Concat(classNames.Select(c => $"log mean p_tile({c})"))
            .ToList();

    /// <summary>Features of every image from the whole's probabilities [N × k] and the tiles' [N·T × k].</summary>
    public static double[][] Of(float[] whole, float[] tiles, int classes, int tilesPerImage)
    {
        var n = whole.Length / classes;
        if (tiles.Length != n * tilesPerImage * classes)
            throw new ArgumentException($"{tiles.Length} tile probabilities for {n} images of {tilesPerImage} tiles and {classes} classes");
        var result = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var f = new double[Count(classes)];
            f[0] = 1;
            for (var c = 0; c < classes; c++)
            {
                f[1 + c] = Math.Log(whole[i * classes + c] + Floor);
                double max = double.NegativeInfinity, meanLog = 0, mean = 0;
                for (var t = 0; t < tilesPerImage; t++)
                {
                    var p = tiles[(i * tilesPerImage + t) * classes + c];
                    var l = Math.Log(p + Floor);
                    max = Math.Max(max, l);
                    meanLog += l / tilesPerImage;
                    mean += p / tilesPerImage;
                }
                f[1 + classes + c] = max;
                f[1 + 2 * classes + c] = meanLog;
                f[1 + 3 * classes + c] = Math.Log(mean + Floor);
            }
            result[i] = f;
        }
        return result;
    }
}
