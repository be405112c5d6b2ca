namespace Winnow.Simulation.Diffraction;

/// <summary>A protein crystal form: name, unit cell and space group.</summary>
public sealed record ProteinCrystal(string Name, UnitCell Cell, SpaceGroup SpaceGroup)
{
    /// <summary>
    /// Common test and teaching crystals (cells as typically deposited in the PDB, rounded to 0.1 Å), spanning
    /// tetragonal, orthorhombic, monoclinic, hexagonal, trigonal and cubic lattices, small cells and large.
    /// </summary>
    public static IReadOnlyList<ProteinCrystal> Table { get; } =
    [
        new("lysozyme", new(79.1, 79.1, 37.9, 90, 90, 90), SpaceGroup.P43212),
        new("thaumatin", new(58.6, 58.6, 151.5, 90, 90, 90), SpaceGroup.P41212),
        new("insulin", new(77.9, 77.9, 77.9, 90, 90, 90), SpaceGroup.I213),
        new("trypsin", new(54.8, 58.5, 67.6, 90, 90, 90), SpaceGroup.P212121),
        new("myoglobin", new(64.1, 30.8, 34.7, 90, 105.8, 90), SpaceGroup.P21),
        new("proteinase K", new(67.9, 67.9, 102.1, 90, 90, 90), SpaceGroup.P43212),
        new("glucose isomerase", new(93.9, 99.7, 102.9, 90, 90, 90), SpaceGroup.I222),
        new("thermolysin", new(92.8, 92.8, 128.9, 90, 90, 120), SpaceGroup.P6122),
        new("concanavalin A", new(89.4, 86.7, 62.0, 90, 90, 90), SpaceGroup.I222),
        new("carbonic anhydrase II", new(42.2, 41.2, 72.0, 90, 104.2, 90), SpaceGroup.P21),
        new("endothiapepsin", new(45.3, 73.0, 52.9, 90, 109.5, 90), SpaceGroup.P21),
        new("ribonuclease A", new(64.9, 64.9, 65.6, 90, 90, 120), SpaceGroup.P3221),
        new("apoferritin", new(184.0, 184.0, 184.0, 90, 90, 90), SpaceGroup.F432),
        new("photoactive yellow protein", new(66.9, 66.9, 40.8, 90, 90, 120), SpaceGroup.P63),
    ];

    /// <summary>The table entry named <paramref name="name"/>.</summary>
    public static ProteinCrystal Named(string name) =>
        Table.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"No crystal '{name}' in the table.");
}
