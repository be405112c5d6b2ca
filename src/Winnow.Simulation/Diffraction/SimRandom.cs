namespace Winnow.Simulation.Diffraction;

/// <summary>
/// A small seeded generator (xoshiro256**, Blackman &amp; Vigna 2018) owned by one image, so that a seed gives
/// the same image bit for bit on any machine, in any order, on any number of threads.
/// </summary>
public sealed class SimRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A generator whose state is expanded from <paramref name="seed"/> by SplitMix64.</summary>
    public SimRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A well-mixed 64-bit seed for stream <paramref name="stream"/> of item <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static ulong Derive(long seed, long index, int stream = 0)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ unchecked((ulong)index * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)stream << 32);
        return Mix(Mix(x) + (ulong)stream);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of 64 bits, also used to hash Miller indices.</summary>
    public static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var r = Mix(state);
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        return r;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        ulong result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Log-uniform in [lo, hi): equal weight to each factor of ten.</summary>
    public double LogUniform(double lo, double hi) => Math.Exp(Uniform(Math.Log(lo), Math.Log(hi)));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextULong() >> 33) * (ulong)n >> 31);

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, q;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            q = u * u + v * v;
        }
        while (q >= 1 || q == 0);
        double f = Math.Sqrt(-2 * Math.Log(q) / q);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>
    /// Poisson deviate of mean <paramref name="mean"/>: exact inversion below 30 counts, where detector
    /// background lives, and the normal approximation above, where its error (skewness 1/√λ &lt; 0.2) is far below
    /// what spot finders or networks can see.
    /// </summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean < 30)
        {
            double u = NextDouble();
            double p = Math.Exp(-mean);
            double cdf = p;
            int k = 0;
            while (u > cdf && k < 200)
            {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        double x = Math.Floor(mean + Math.Sqrt(mean) * Normal() + 0.5);
        return x <= 0 ? 0 : x >= int.MaxValue ? int.MaxValue : (int)x;
    }
}
