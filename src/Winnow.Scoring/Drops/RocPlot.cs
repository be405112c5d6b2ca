using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Drops;

/// <summary>Draws ROC curves into a PNG (one panel per flag; each curve a colour, the chosen threshold a dot).</summary>
public static class RocPlot
{
    private static readonly (byte R, byte G, byte B)[] Colours = [(200, 30, 30), (30, 80, 200), (30, 150, 60), (160, 90, 20)];

    /// <summary>Writes panels (title → curves (label → points, chosen point)) side by side, 360 px each.</summary>
    public static void Write(string path, IReadOnlyList<(string Title, IReadOnlyList<(string Label, IReadOnlyList<RocPoint> Curve, RocPoint? Chosen)> Curves)> panels)
    {
        const int side = 360, margin = 30;
        var width = side * panels.Count;
        var pixels = new byte[width * side * 3];
        Array.Fill(pixels, (byte)255);
        void Set(int x, int y, (byte R, byte G, byte B) c)
        {
            if ((uint)x >= (uint)width || (uint)y >= side) return;
            var i = (y * width + x) * 3;
            pixels[i] = c.R; pixels[i + 1] = c.G; pixels[i + 2] = c.B;
        }
        for (var p = 0; p < panels.Count; p++)
        {
            var ox = p * side;
            (int, int) At(double fpr, double tpr) => (ox + margin + (int)(fpr * (side - 2 * margin)), side - margin - (int)(tpr * (side - 2 * margin)));
            // Axes box and the chance diagonal.
            for (var t = 0; t <= side - 2 * margin; t++)
            {
                foreach (var (x, y) in new[] { (ox + margin + t, side - margin), (ox + margin + t, margin), (ox + margin, margin + t), (ox + side - margin, margin + t) }) Set(x, y, (0, 0, 0));
                if (t % 6 < 3) Set(ox + margin + t, side - margin - t, (170, 170, 170));
            }
            var curves = panels[p].Curves;
            for (var c = 0; c < curves.Count; c++)
            {
                var colour = Colours[c % Colours.Length];
                var points = curves[c].Curve;
                for (var k = 1; k < points.Count; k++)
                {
                    var (x0, y0) = At(points[k - 1].FalsePositiveRate, points[k - 1].TruePositiveRate);
                    var (x1, y1) = At(points[k].FalsePositiveRate, points[k].TruePositiveRate);
                    var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1;
                    for (var s = 0; s <= steps; s++)
                    {
                        int x = x0 + (x1 - x0) * s / steps, y = y0 + (y1 - y0) * s / steps;
                        Set(x, y, colour); Set(x + 1, y, colour); Set(x, y + 1, colour);
                    }
                }
                if (curves[c].Chosen is { } chosen)
                {
                    var (cx, cy) = At(chosen.FalsePositiveRate, chosen.TruePositiveRate);
                    for (var dy = -4; dy <= 4; dy++) for (var dx = -4; dx <= 4; dx++) if (dx * dx + dy * dy <= 16) Set(cx + dx, cy + dy, colour);
                }
                // Legend swatch: a short bar per curve in the top-left corner of the panel (order as in the report).
                for (var dx = 0; dx < 20; dx++) for (var dy = 0; dy < 4; dy++) Set(ox + margin + 8 + dx, margin + 10 + c * 10 + dy, colour);
            }
        }
        using var scope = torch.NewScope();
        File.WriteAllBytes(path, Cv.Encode(torch.FromArray(pixels, side, width, 3), ".png"));
    }
}
