namespace Winnow.Scoring.Common;

/// <summary>A rectangle in pixels of the full photograph.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height);

/// <summary>
/// Finds the well in a drop photograph: imagers photograph a bright well interior inside a dark rim (the plastic
/// wall seen edge-on), with the plate outside it. On a small grey thumbnail, the pixels darker than 0.45 × the bright
/// level are the rim; of the brighter regions left, those touching the frame are outside the well, and the largest
/// one that does not is the interior (precipitate inside it only makes holes, which a bounding box ignores).
/// Where the interior touches the frame (a well filling the picture) or the region is implausible, nothing is found
/// and the caller keeps the whole frame, which is then already about the well.
/// </summary>
public static class WellLocator
{
    /// <summary>Darker than this share of the bright level (95th percentile) counts as rim.</summary>
    private const double RimShare = 0.45;
    /// <summary>The interior's box must span at least this share of the frame's shorter side …</summary>
    private const double MinSpan = 0.5;
    /// <summary>… and be about round: width / height within [1 / MaxAspect, MaxAspect].</summary>
    private const double MaxAspect = 1.33;
    /// <summary>Margin added on every side of the square (a share of its side): the thumbnail's pixels are coarse.</summary>
    public const double Margin = 0.03;

    /// <summary>
    /// The square to crop from a <paramref name="frameWidth"/> × <paramref name="frameHeight"/> photograph, from its grey
    /// thumbnail (<paramref name="thumbWidth"/> × <paramref name="thumbHeight"/>, row by row); null where no well is found.
    /// </summary>
    public static PixelBox? Locate(ReadOnlySpan<byte> grey, int thumbWidth, int thumbHeight, int frameWidth, int frameHeight)
    {
        if (grey.Length != thumbWidth * thumbHeight) throw new ArgumentException($"thumbnail has {grey.Length} pixels, not {thumbWidth}×{thumbHeight}.");
        var region = LargestEnclosedBrightRegion(grey, thumbWidth, thumbHeight);
        if (region is not { } r) return null;
        int spanX = r.MaxX - r.MinX + 1, spanY = r.MaxY - r.MinY + 1;
        var aspect = (double)spanX / spanY;
        if (Math.Min(spanX, spanY) < MinSpan * Math.Min(thumbWidth, thumbHeight) || aspect > MaxAspect || aspect < 1 / MaxAspect) return null;
        double sx = (double)frameWidth / thumbWidth, sy = (double)frameHeight / thumbHeight;
        double centreX = (r.MinX + r.MaxX + 1) / 2.0 * sx, centreY = (r.MinY + r.MaxY + 1) / 2.0 * sy;
        var side = (int)Math.Round(Math.Min(Math.Max(spanX * sx, spanY * sy) * (1 + 2 * Margin), Math.Min(frameWidth, frameHeight)));
        // Kept inside the frame: shifted, never shrunk further, so the interior is not cut where it nears an edge.
        var x = Math.Clamp((int)Math.Round(centreX - side / 2.0), 0, frameWidth - side);
        var y = Math.Clamp((int)Math.Round(centreY - side / 2.0), 0, frameHeight - side);
        return new PixelBox(x, y, side, side);
    }

    private readonly record struct Region(int Count, int MinX, int MinY, int MaxX, int MaxY);

    /// <summary>The largest 4-connected region of bright pixels not touching the frame, by pixel count.</summary>
    private static Region? LargestEnclosedBrightRegion(ReadOnlySpan<byte> grey, int w, int h)
    {
        var threshold = RimShare * Percentile95(grey);
        var visited = new bool[grey.Length];
        var stack = new Stack<int>();
        Region? best = null;
        for (var start = 0; start < grey.Length; start++)
        {
            if (visited[start] || grey[start] < threshold) continue;
            int count = 0, minX = w, minY = h, maxX = -1, maxY = -1;
            var touchesFrame = false;
            visited[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int x = p % w, y = p / w;
                count++;
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) touchesFrame = true;
                if (x > 0) Visit(p - 1, grey);
                if (x < w - 1) Visit(p + 1, grey);
                if (y > 0) Visit(p - w, grey);
                if (y < h - 1) Visit(p + w, grey);
            }
            if (!touchesFrame && count > (best?.Count ?? 0)) best = new Region(count, minX, minY, maxX, maxY);
        }
        return best;

        void Visit(int q, ReadOnlySpan<byte> g)
        {
            if (visited[q] || g[q] < threshold) return;
            visited[q] = true;
            stack.Push(q);
        }
    }

    private static int Percentile95(ReadOnlySpan<byte> grey)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var v in grey) histogram[v]++;
        var target = (int)(0.95 * grey.Length);
        var seen = 0;
        for (var v = 0; v < 256; v++)
            if ((seen += histogram[v]) > target) return v;
        return 255;
    }
}
