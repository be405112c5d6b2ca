namespace Winnow.Simulation.Diffraction;

/// <summary>What a simulated shot is, for training and evaluation.</summary>
/// <param name="Class">Blank, single or multi-lattice.</param>
/// <param name="ResolutionA">Resolution label in Å (see <see cref="ResolutionModel"/>); NaN for blank shots.</param>
/// <param name="Lattices">Number of lattices in the beam.</param>
public sealed record ShotLabel(ShotClass Class, double ResolutionA, int Lattices);

/// <summary>A simulated detector image with its geometry and label; pixels are row-major, fast axis first, -1 gaps, -2 bad pixels.</summary>
public sealed record SimulatedShot(int[] Pixels, int Width, int Height, ShotGeometry Geometry, ShotLabel Label, ShotSpec Spec, int ReflectionCount);
