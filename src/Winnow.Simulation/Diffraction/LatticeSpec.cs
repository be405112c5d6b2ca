namespace Winnow.Simulation.Diffraction;

/// <summary>One lattice in the beam: its orientation U (crystal frame to lab), relative scale, and misorientation from the first lattice.</summary>
public sealed record LatticeSpec(Mat3 Orientation, double Scale, double MisorientationDeg);
