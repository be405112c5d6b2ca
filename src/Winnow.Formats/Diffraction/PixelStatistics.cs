namespace Winnow.Formats.Diffraction;

/// <summary>Count, sum, min, max, mean and population standard deviation of a set of values (numpy's definitions).</summary>
public readonly record struct PixelStatistics(long Count, double Sum, double Min, double Max, double Mean, double Std)
{
    /// <summary>Statistics of all pixels, or only of valid ones (≥ 0, i.e. not gaps or bad pixels).</summary>
    public static PixelStatistics Of(ReadOnlySpan<int> pixels, bool validOnly)
    {
        long n = 0, sum = 0;
        int min = int.MaxValue, max = int.MinValue;
        foreach (int v in pixels)
        {
            if (validOnly && v < 0) continue;
            n++; sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (n == 0) return new PixelStatistics(0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = (double)sum / n, ss = 0;
        foreach (int v in pixels)
        {
            if (validOnly && v < 0) continue;
            double d = v - mean;
            ss += d * d;
        }
        return new PixelStatistics(n, sum, min, max, mean, Math.Sqrt(ss / n));
    }

    /// <summary>Statistics of float data (MRC sections), accumulated in double.</summary>
    public static PixelStatistics Of(ReadOnlySpan<float> values)
    {
        var acc = new Accumulator();
        acc.Add(values);
        return acc.Result();
    }

    /// <summary>Accumulates statistics section by section, so a large stack never has to be in memory at once.</summary>
    public sealed class Accumulator
    {
        private long _n;
        private double _sum, _min = double.PositiveInfinity, _max = double.NegativeInfinity;
        private double _mean, _m2; // Welford, stable for the small-variance maps seen in cryo-EM

        /// <summary>Adds values.</summary>
        public void Add(ReadOnlySpan<float> values)
        {
            foreach (float f in values)
            {
                double v = f;
                _n++; _sum += v;
                if (v < _min) _min = v;
                if (v > _max) _max = v;
                double d = v - _mean;
                _mean += d / _n;
                _m2 += d * (v - _mean);
            }
        }

        /// <summary>The statistics so far.</summary>
        public PixelStatistics Result() => _n == 0
            ? new PixelStatistics(0, 0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new PixelStatistics(_n, _sum, _min, _max, _sum / _n, Math.Sqrt(_m2 / _n));
    }
}
