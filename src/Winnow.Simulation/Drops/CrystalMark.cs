namespace Winnow.Simulation.Drops;

/// <summary>Where one simulated crystal lies in the photograph: its bounding box in pixels (x right, y down).</summary>
public readonly record struct CrystalMark(double Left, double Top, double Right, double Bottom)
{
    /// <summary>The box around a crystal's outline.</summary>
    public static CrystalMark Around(IReadOnlyList<(double X, double Y)> outline) =>
        new(outline.Min(p => p.X), outline.Min(p => p.Y), outline.Max(p => p.X), outline.Max(p => p.Y));

    /// <summary>The box's centre.</summary>
    public (double X, double Y) Centre => ((Left + Right) / 2, (Top + Bottom) / 2);
}
