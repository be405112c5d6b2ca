namespace Winnow.Simulation.Diffraction;

/// <summary>Everything that decides a simulated still shot except the photon noise.</summary>
/// <param name="Detector">The detector model.</param>
/// <param name="DistanceMm">Sample-to-detector distance in mm (detector normal to the beam).</param>
/// <param name="WavelengthA">X-ray wavelength in Å.</param>
/// <param name="BeamX">Direct-beam position, fast pixel coordinate (pixel i spans [i, i+1), as dxtbx's Beam_xy).</param>
/// <param name="BeamY">Direct-beam position, slow pixel coordinate.</param>
/// <param name="Crystal">The crystal form; null for a blank shot.</param>
/// <param name="Lattices">The lattices in the beam (empty for a blank shot).</param>
/// <param name="BFactor">Overall Wilson B in Å².</param>
/// <param name="TargetResolutionA">The resolution the shot was drawn for; B and the scale were set from it.</param>
/// <param name="Scale">Counts in a fully recorded reflection of mean intensity at zero angle, before the B factor.</param>
/// <param name="MosaicDeg">Mosaic spread plus beam divergence (Gaussian σ, degrees).</param>
/// <param name="Bandwidth">Relative bandwidth Δλ/λ (Gaussian σ).</param>
/// <param name="DomainSizeA">Mosaic-block size in Å; its inverse broadens each reciprocal-lattice point.</param>
/// <param name="SpotSigmaMm">Spot footprint on the detector (Gaussian σ in mm: beam size, crystal size, point spread).</param>
/// <param name="Background">Diffuse scatter strengths.</param>
/// <param name="BeamStop">Beam-stop shadow.</param>
/// <param name="Polarization">Fraction of the beam polarised along the fast axis (synchrotrons: ≈ 0.99).</param>
/// <param name="StructureSeed">Seed of the structure-factor amplitudes (one per crystal, shared by its lattices).</param>
public sealed record ShotSpec(
    DetectorModel Detector,
    double DistanceMm,
    double WavelengthA,
    double BeamX,
    double BeamY,
    ProteinCrystal? Crystal,
    IReadOnlyList<LatticeSpec> Lattices,
    double BFactor,
    double TargetResolutionA,
    double Scale,
    double MosaicDeg,
    double Bandwidth,
    double DomainSizeA,
    double SpotSigmaMm,
    BackgroundSpec Background,
    BeamStopSpec BeamStop,
    double Polarization,
    ulong StructureSeed)
{
    /// <summary>The class the shot belongs to, from its number of lattices.</summary>
    public ShotClass Class => Lattices.Count == 0 || Crystal is null ? ShotClass.Blank : Lattices.Count == 1 ? ShotClass.Single : ShotClass.Multi;

    /// <summary>Draws a shot spec for a random class (¼ blank, ½ single, ¼ multi).</summary>
    public static ShotSpec Random(SimRandom rng, DetectorChoice detector)
    {
        double u = rng.NextDouble();
        var cls = u < 0.25 ? ShotClass.Blank : u < 0.75 ? ShotClass.Single : ShotClass.Multi;
        return Random(rng, detector, cls);
    }

    /// <summary>Draws a shot spec of class <paramref name="cls"/> with geometry, crystal and background spread over what beamlines see.</summary>
    public static ShotSpec Random(SimRandom rng, DetectorChoice detector, ShotClass cls)
    {
        var det = detector == DetectorChoice.Mixed ? DetectorModel.For((DetectorChoice)rng.NextInt(3)) : DetectorModel.For(detector);
        double distance = rng.Uniform(120, 500);
        double wavelength = rng.Uniform(0.7, 1.4);
        // Beam centres sit near the middle of the sensor; jitter by a few per cent as between beamlines and days.
        double beamX = det.Width * rng.Uniform(0.47, 0.53);
        double beamY = det.Height * rng.Uniform(0.47, 0.53);

        double target = rng.LogUniform(1.2, 8.0);
        // Wilson B grows with the resolution limit; B ≈ 4d² + 12 is the trend of PDB entries (scatter ±15 %).
        double b = (4 * target * target + 12) * Math.Exp(0.15 * rng.Normal());

        var crystal = ProteinCrystal.Table[rng.NextInt(ProteinCrystal.Table.Count)];
        var lattices = new List<LatticeSpec>();
        if (cls != ShotClass.Blank)
        {
            var u0 = Orientation.RandomRotation(rng);
            lattices.Add(new LatticeSpec(u0, 1.0, 0));
            int extra = cls == ShotClass.Multi ? 1 + rng.NextInt(2) : 0;
            for (int i = 0; i < extra; i++)
            {
                // Misorientation log-uniform over 0.1°–30°: split crystals (small angles) as often as clusters (large).
                double angle = rng.LogUniform(0.1, 30);
                var r = Mat3.Rotation(Orientation.RandomAxis(rng), angle * Math.PI / 180);
                lattices.Add(new LatticeSpec(r * u0, rng.Uniform(0.3, 1.0), angle));
            }
        }

        // Levels bracket the real PILATUS3 6M grid shots (≈ 6 counts/pixel near the stop at 351 mm, i.e. ≈ 9 for the
        // reference pixel) and go well below, as for short exposures or attenuated beams.
        double bgRef = rng.LogUniform(0.3, 15);
        var background = new BackgroundSpec(
            Air: bgRef * rng.Uniform(0.5, 1),
            Water: bgRef * rng.LogUniform(0.05, 1),
            Loop: rng.NextDouble() < 0.5 ? 0 : bgRef * rng.LogUniform(0.05, 0.5),
            Flat: bgRef * rng.LogUniform(0.02, 0.1));
        // In a grid scan most blank shots miss the sample altogether: air scatter only, no solvent ring and no mount, as
        // in the real blank thaumatin grid shots (a smooth glow about the beam stop, Poisson noise, nothing else).
        if (cls == ShotClass.Blank && rng.NextDouble() < 0.5)
            background = background with { Water = 0, Loop = 0 };

        double stopRadiusMm = rng.Uniform(1.5, 3.5);
        double stopPx = stopRadiusMm / det.PixelSizeMm;
        var stop = new BeamStopSpec(
            beamX + 0.15 * stopPx * rng.Normal(), beamY + 0.15 * stopPx * rng.Normal(),
            stopPx, stopPx * rng.Uniform(0.4, 0.8), rng.Uniform(0, 2 * Math.PI), rng.Uniform(0.005, 0.05));

        var spec = new ShotSpec(
            det, distance, wavelength, beamX, beamY,
            cls == ShotClass.Blank ? null : crystal, lattices,
            BFactor: b, TargetResolutionA: target, Scale: 0,
            MosaicDeg: rng.LogUniform(0.02, 0.4),
            Bandwidth: rng.LogUniform(1e-4, 2e-3),
            DomainSizeA: rng.LogUniform(1000, 20000),
            SpotSigmaMm: rng.Uniform(0.12, 0.3),
            Background: background, BeamStop: stop, Polarization: 0.99,
            StructureSeed: rng.NextULong());
        // Crystal size and flux are not known in advance: set the scale that puts the I/σ threshold at the
        // target resolution, then let it wander by a factor of ~1.4 so the label is not a function of B alone.
        double scale = ResolutionModel.ScaleForResolution(spec, target) * Math.Exp(0.35 * rng.Normal());
        return spec with { Scale = scale };
    }
}
