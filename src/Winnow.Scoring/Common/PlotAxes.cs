using System.Globalization;

namespace Winnow.Scoring.Common;

/// <summary>
/// One plot panel on a <see cref="PlotCanvas"/>: the data rectangle [XMin, XMax] × [YMin, YMax] drawn in the pixel box
/// Left..Right × Top..Bottom (y grows upwards in data, downwards in pixels), with a frame, numbered ticks and axis titles.
/// </summary>
public sealed record PlotAxes(PlotCanvas Canvas, int Left, int Top, int Right, int Bottom, double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Pixel of a data point; points outside the data rectangle are clamped to its edge (shown, not lost).</summary>
    public (int X, int Y) At(double x, double y)
    {
        double fx = Math.Clamp((x - XMin) / (XMax - XMin), 0, 1), fy = Math.Clamp((y - YMin) / (YMax - YMin), 0, 1);
        return (Left + (int)Math.Round(fx * (Right - Left)), Bottom - (int)Math.Round(fy * (Bottom - Top)));
    }

    /// <summary>Frame, ticks labelled with <paramref name="format"/>, a title above, and the x and y axis titles.</summary>
    public void Draw(string title, string xTitle, string yTitle, IEnumerable<double> xTicks, IEnumerable<double> yTicks, string format)
    {
        var ink = PlotCanvas.Ink;
        Canvas.Line(Left, Bottom, Right, Bottom, ink);
        Canvas.Line(Left, Top, Right, Top, ink);
        Canvas.Line(Left, Top, Left, Bottom, ink);
        Canvas.Line(Right, Top, Right, Bottom, ink);
        foreach (var t in xTicks)
        {
            var (x, _) = At(t, YMin);
            Canvas.Line(x, Bottom, x, Bottom + 5, ink);
            Canvas.Text(t.ToString(format, CultureInfo.InvariantCulture), x, Bottom + 19, ink, TextAlign.Centre, 0.4);
        }
        foreach (var t in yTicks)
        {
            var (_, y) = At(XMin, t);
            Canvas.Line(Left - 5, y, Left, y, ink);
            Canvas.Text(t.ToString(format, CultureInfo.InvariantCulture), Left - 8, y + 5, ink, TextAlign.Right, 0.4);
        }
        Canvas.Text(title, (Left + Right) / 2, Top - 10, ink, TextAlign.Centre, 0.5);
        Canvas.Text(xTitle, (Left + Right) / 2, Bottom + 40, ink, TextAlign.Centre);
        Canvas.VerticalText(yTitle, Math.Max(2, Left - 58), (Top + Bottom) / 2, ink);
    }

    /// <summary>Evenly spaced ticks from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static IEnumerable<double> Ticks(double from, double to, double step)
    {
        for (int i = 0; from + i * step <= to + step * 1e-9; i++) yield return from + i * step;
    }
}
