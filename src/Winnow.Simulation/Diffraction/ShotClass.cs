namespace Winnow.Simulation.Diffraction;

/// <summary>What a diffraction shot shows: nothing, one lattice, or several.</summary>
public enum ShotClass
{
    /// <summary>No crystal in the beam: background only.</summary>
    Blank,
    /// <summary>One crystal lattice.</summary>
    Single,
    /// <summary>Two or three lattices, misoriented by 0.1°–30° (split or clustered crystals).</summary>
    Multi,
}
