namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Structure-factor intensities drawn from Wilson's distributions (Wilson, Acta Cryst. 2, 318 (1949)):
/// acentric |F|²/Σ is exponential, centric |F|²/Σ is χ² with one degree of freedom. Drawn from a hash of the
/// crystal seed and the reflection's symmetry-unique indices, so equivalent reflections, Friedel mates and the
/// other lattices of the same crystal all share one value, as in a real crystal.
/// </summary>
internal static class StructureFactor
{
    /// <summary>|F|² relative to the Wilson mean for reflection (h, k, l).</summary>
    public static double Intensity(ulong crystalSeed, SpaceGroup group, int h, int k, int l, bool centric)
    {
        var (rh, rk, rl) = group.Representative(h, k, l);
        ulong key = SimRandom.Mix(crystalSeed ^ SimRandom.Mix(((ulong)(uint)rh << 42) ^ ((ulong)(uint)(rk & 0x1FFFFF) << 21) ^ (uint)(rl & 0x1FFFFF)));
        double u1 = ((key >> 11) + 0.5) * (1.0 / (1UL << 53));
        if (!centric)
            return -Math.Log(u1);
        ulong key2 = SimRandom.Mix(key);
        double u2 = (key2 >> 11) * (1.0 / (1UL << 53));
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return z * z;
    }
}
