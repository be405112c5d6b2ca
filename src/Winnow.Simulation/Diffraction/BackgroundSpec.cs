namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Strengths of the diffuse scatter, in counts per pixel for a reference pixel of 172 µm at 300 mm and normal
/// incidence; real pixels scale by their solid angle (pixel² / distance², times cos³2θ).
/// </summary>
/// <param name="Air">Air scatter along the beam path, strongest at low angle.</param>
/// <param name="Water">Amorphous solvent/ice ring near 3.7 Å (plus its weaker second maximum near 2.2 Å).</param>
/// <param name="Loop">Loop, plastic and mount material: a broad hump near 4.5 Å.</param>
/// <param name="Flat">Compton scatter and fluorescence: slowly rising with angle.</param>
public sealed record BackgroundSpec(double Air, double Water, double Loop, double Flat);
