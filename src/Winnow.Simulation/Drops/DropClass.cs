namespace Winnow.Simulation.Drops;

/// <summary>The four MARCO classes of a crystallisation-drop photograph.</summary>
public enum DropClass
{
    /// <summary>Nothing in the drop but perhaps dust, a fibre, a bubble or moulding marks.</summary>
    Clear,
    /// <summary>Facetted crystals of any size or habit, microcrystal showers included.</summary>
    Crystals,
    /// <summary>Granular or amorphous precipitate, light to heavy.</summary>
    Precipitate,
    /// <summary>Phase separation, protein skin, spherulites.</summary>
    Other,
}

/// <summary>MARCO's labelling priority for drops holding several kinds of content.</summary>
public static class DropClasses
{
    /// <summary>Class names in the order models output them.</summary>
    public static readonly IReadOnlyList<string> Names = ["Clear", "Crystals", "Precipitate", "Other"];

    /// <summary>
    /// The label of a mixture: crystals win over everything (a missed crystal is the costly error), then
    /// precipitate, then other; clear only when nothing else is there.
    /// </summary>
    public static DropClass Label(IEnumerable<DropClass> contents)
    {
        var set = contents.ToHashSet();
        if (set.Contains(DropClass.Crystals)) return DropClass.Crystals;
        if (set.Contains(DropClass.Precipitate)) return DropClass.Precipitate;
        if (set.Contains(DropClass.Other)) return DropClass.Other;
        return DropClass.Clear;
    }
}
