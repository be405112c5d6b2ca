using Winnow.Scoring.Common;

namespace Winnow.Scoring.Drops;

/// <summary>Draws ROC curves into a PNG: one panel per flag, each curve a colour named in a legend, the chosen threshold a dot.</summary>
public static class RocPlot
{
    private static readonly (byte R, byte G, byte B)[] Colours = [(200, 30, 30), (30, 80, 200), (30, 150, 60), (160, 90, 20)];

    /// <summary>Writes panels (title → curves (label → points, chosen point)) side by side, 400 px each.</summary>
    public static void Write(string path, IReadOnlyList<(string Title, IReadOnlyList<(string Label, IReadOnlyList<RocPoint> Curve, RocPoint? Chosen)> Curves)> panels)
    {
        const int side = 400, left = 72, right = 16, top = 30, bottom = 58;
        var canvas = new PlotCanvas(side * panels.Count, side);
        for (var p = 0; p < panels.Count; p++)
        {
            int ox = p * side;
            var axes = new PlotAxes(canvas, ox + left, top, ox + side - right, side - bottom, 0, 1, 0, 1);
            // The chance diagonal first, so that curves are drawn over it.
            var (dx0, dy0) = axes.At(0, 0);
            var (dx1, dy1) = axes.At(1, 1);
            canvas.Line(dx0, dy0, dx1, dy1, (170, 170, 170), dashed: true);
            axes.Draw($"{panels[p].Title} flag", "false-positive rate", "true-positive rate", PlotAxes.Ticks(0, 1, 0.2), PlotAxes.Ticks(0, 1, 0.2), "0.0");
            var curves = panels[p].Curves;
            for (var c = 0; c < curves.Count; c++)
            {
                var colour = Colours[c % Colours.Length];
                var points = curves[c].Curve;
                for (var k = 1; k < points.Count; k++)
                {
                    var (x0, y0) = axes.At(points[k - 1].FalsePositiveRate, points[k - 1].TruePositiveRate);
                    var (x1, y1) = axes.At(points[k].FalsePositiveRate, points[k].TruePositiveRate);
                    canvas.Line(x0, y0, x1, y1, colour, thickness: 2);
                }
                if (curves[c].Chosen is { } chosen)
                {
                    var (cx, cy) = axes.At(chosen.FalsePositiveRate, chosen.TruePositiveRate);
                    canvas.Disc(cx, cy, 4, colour);
                }
                // Legend, bottom right inside the frame (where ROC curves never go): a swatch and the curve's name.
                int ly = side - bottom - 14 - (curves.Count - 1 - c) * 16;
                canvas.Line(ox + side - right - 176, ly - 4, ox + side - right - 156, ly - 4, colour, thickness: 3);
                canvas.Text(curves[c].Label, ox + side - right - 150, ly, PlotCanvas.Ink, TextAlign.Left, 0.4);
            }
        }
        canvas.Save(path);
    }
}
