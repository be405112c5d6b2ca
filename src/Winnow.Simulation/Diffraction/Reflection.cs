namespace Winnow.Simulation.Diffraction;

/// <summary>One reflection recorded on a still: Miller indices, where it lands, and how bright it is.</summary>
/// <param name="H">Miller index h.</param>
/// <param name="K">Miller index k.</param>
/// <param name="L">Miller index l.</param>
/// <param name="Lattice">Which lattice of the shot (0 = the first).</param>
/// <param name="Fast">Predicted spot centre, fast pixel coordinate.</param>
/// <param name="Slow">Predicted spot centre, slow pixel coordinate.</param>
/// <param name="InverseD">1/d in Å⁻¹.</param>
/// <param name="Partiality">Fraction of the reflection's rocking curve the still records (1 on the Ewald sphere).</param>
/// <param name="F2">|F|² relative to the Wilson mean Σ (exponential for acentric reflections).</param>
/// <param name="Centric">Whether the reflection is centric.</param>
/// <param name="Counts">Expected photons in the spot.</param>
public readonly record struct Reflection(int H, int K, int L, int Lattice, double Fast, double Slow, double InverseD, double Partiality, double F2, bool Centric, double Counts);
