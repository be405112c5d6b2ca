namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Finds the reciprocal-lattice points of a lattice close enough to the Ewald sphere to be recorded on a still,
/// and predicts each one's position, partiality and intensity.
/// </summary>
internal static class ReflectionPredictor
{
    private const double MinPartiality = 1e-3;

    /// <summary>Width (Gaussian σ, Å⁻¹) of the excitation error a reflection at 1/d = <paramref name="s"/> can have and still be recorded.</summary>
    public static double ExcitationWidth(ShotSpec spec, double s)
    {
        double sinTheta = s * spec.WavelengthA / 2;
        double cosTheta = Math.Sqrt(Math.Max(0, 1 - sinTheta * sinTheta));
        // Mosaic spread η turns the point through an arc of length s·η, whose component normal to the sphere is
        // s·η·cosθ; a band of wavelengths spreads the sphere radius, moving the excitation error by
        // (λ s²/2)·(Δλ/λ); a finite mosaic block of size D blurs each point by ~1/D (Kabsch 1988; Sauter et al.,
        // Acta Cryst. D70, 3299 (2014)).
        double mosaic = s * spec.MosaicDeg * Math.PI / 180 * cosTheta;
        double band = spec.WavelengthA * s * s / 2 * spec.Bandwidth;
        double block = 1 / spec.DomainSizeA;
        return Math.Sqrt(mosaic * mosaic + band * band + block * block);
    }

    /// <summary>All recorded reflections of lattice <paramref name="latticeIndex"/> of the shot.</summary>
    public static List<Reflection> Predict(ShotSpec spec, int latticeIndex)
    {
        var result = new List<Reflection>();
        var crystal = spec.Crystal ?? throw new ArgumentException("A blank shot has no lattice to predict.");
        var lattice = spec.Lattices[latticeIndex];
        var geometry = ShotGeometry.Of(spec);
        var group = crystal.SpaceGroup;

        var a = lattice.Orientation * crystal.Cell.ReciprocalBasis();   // columns a*, b*, c* in the lab frame
        var real = crystal.Cell.RealBasis();
        double k0 = 1 / spec.WavelengthA;
        var s0 = new Vec3(0, 0, -k0);                                    // beam along −z (dxtbx convention)

        // Nothing beyond the detector corner, nor where even a reflection 30× the mean would give < 0.3 photons.
        double sMax = geometry.MaxInverseResolution();
        double brightest = 30 * spec.Scale * lattice.Scale;
        if (brightest > 0.3)
            sMax = Math.Min(sMax, Math.Sqrt(2 * Math.Log(brightest / 0.3) / Math.Max(spec.BFactor, 1e-3)));
        else
            return result;
        double delta = 4.5 * ExcitationWidth(spec, sMax);              // half-thickness of the shell searched

        // Loop over the two shorter real axes and solve the sphere equation for the index along the longest:
        // |s0 + h_i a_i + h_j a_j + t a_m|² = (k0 ± δ)² is a quadratic in t.
        var lengths = new[] { real.Column(0).Length, real.Column(1).Length, real.Column(2).Length };
        int m = lengths[0] >= lengths[1] && lengths[0] >= lengths[2] ? 0 : lengths[1] >= lengths[2] ? 1 : 2;
        int i = (m + 1) % 3, j = (m + 2) % 3;
        int maxI = (int)Math.Floor(lengths[i] * sMax), maxJ = (int)Math.Floor(lengths[j] * sMax);
        int maxM = (int)Math.Floor(lengths[m] * sMax);
        var ai = a.Column(i);
        var aj = a.Column(j);
        var c = a.Column(m);
        double cc = c.Dot(c);
        double kOut2 = (k0 + delta) * (k0 + delta), kIn2 = (k0 - delta) * (k0 - delta);
        Span<int> hkl = stackalloc int[3];
        for (int hi = -maxI; hi <= maxI; hi++)
        {
            for (int hj = -maxJ; hj <= maxJ; hj++)
            {
                var v = s0 + (hi * ai) + (hj * aj);
                double vc = v.Dot(c), vv = v.Dot(v);
                double discOut = vc * vc - cc * (vv - kOut2);
                if (discOut < 0)
                    continue;
                double rootOut = Math.Sqrt(discOut);
                int lo = Math.Max(-maxM, (int)Math.Ceiling((-vc - rootOut) / cc));
                int hiM = Math.Min(maxM, (int)Math.Floor((-vc + rootOut) / cc));
                double discIn = vc * vc - cc * (vv - kIn2);
                // Points strictly inside the inner sphere are skipped: split the chord into its two ends.
                int gapLo = int.MaxValue, gapHi = int.MinValue;
                if (discIn > 0)
                {
                    double rootIn = Math.Sqrt(discIn);
                    gapLo = (int)Math.Floor((-vc - rootIn) / cc) + 1;
                    gapHi = (int)Math.Ceiling((-vc + rootIn) / cc) - 1;
                }
                for (int t = lo; t <= hiM; t++)
                {
                    if (t >= gapLo && t <= gapHi)
                    {
                        t = gapHi;
                        continue;
                    }
                    hkl[i] = hi;
                    hkl[j] = hj;
                    hkl[m] = t;
                    if (hkl[0] == 0 && hkl[1] == 0 && hkl[2] == 0)
                        continue;
                    var r = TryRecord(spec, geometry, a, s0, k0, sMax, latticeIndex, hkl[0], hkl[1], hkl[2], group);
                    if (r is { } reflection)
                        result.Add(reflection);
                }
            }
        }
        return result;
    }

    private static Reflection? TryRecord(ShotSpec spec, ShotGeometry geometry, Mat3 a, Vec3 s0, double k0, double sMax,
        int latticeIndex, int h, int k, int l, SpaceGroup group)
    {
        var q = a * new Vec3(h, k, l);
        double s = q.Length;
        if (s > sMax || group.IsAbsent(h, k, l))
            return null;
        var s1 = s0 + q;
        double s1Len = s1.Length;
        double excitation = s1Len - k0;
        double width = ExcitationWidth(spec, s);
        double partiality = Math.Exp(-excitation * excitation / (2 * width * width));
        if (partiality < MinPartiality)
            return null;
        // The diffracted ray leaves along s1 (Ewald construction); projected onto the sphere for partials.
        var dir = (1 / s1Len) * s1;
        if (geometry.Project(dir) is not var (fast, slow))
            return null;
        if (fast < -3 || slow < -3 || fast > geometry.Width + 3 || slow > geometry.Height + 3)
            return null;

        bool centric = group.IsCentric(h, k, l);
        double f2 = StructureFactor.Intensity(spec.StructureSeed, group, h, k, l, centric);
        double sinTheta = s * spec.WavelengthA / 2;
        double pol = 1 - spec.Polarization * dir.X * dir.X - (1 - spec.Polarization) * dir.Y * dir.Y;
        double counts = spec.Scale * spec.Lattices[latticeIndex].Scale * f2
            * Math.Exp(-2 * spec.BFactor * sinTheta * sinTheta / (spec.WavelengthA * spec.WavelengthA))
            * pol * partiality;
        return new Reflection(h, k, l, latticeIndex, fast, slow, s, partiality, f2, centric, counts);
    }
}
