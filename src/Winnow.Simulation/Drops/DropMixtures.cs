using System.Globalization;

namespace Winnow.Simulation.Drops;

/// <summary>
/// How often a drop holds a second kind of content besides its own: <paramref name="CrystalsWithPrecipitate"/> is the
/// share of Crystals drops that also hold precipitate; <paramref name="WithOther"/> the share of Crystals and
/// Precipitate drops that also hold phase separation, skin or spherulites. The label follows MARCO's priority either way.
/// Mixtures are where a classifier misses crystals, so a training set may hold more of them than the natural rates that
/// validation and test sets keep.
/// </summary>
public sealed record DropMixtures(double CrystalsWithPrecipitate, double WithOther)
{
    /// <summary>The rates every simulated set had before this knob existed: 0.3 and 0.15.</summary>
    public static readonly DropMixtures Natural = new(0.3, 0.15);

    /// <summary>True for the natural rates.</summary>
    public bool IsNatural => this == Natural;

    /// <summary>"P,O" as written on the command line and in cache names.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CrystalsWithPrecipitate},{WithOther}");

    /// <summary>Parses "P,O" (two shares in [0, 1]); anything else is refused with the reason.</summary>
    public static DropMixtures Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var o)
            || p is < 0 or > 1 || o is < 0 or > 1)
            throw new FormatException($"'{text}' is not two shares between 0 and 1 separated by a comma (natural: {Natural}).");
        return new DropMixtures(p, o);
    }
}
