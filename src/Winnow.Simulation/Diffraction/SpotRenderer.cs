namespace Winnow.Simulation.Diffraction;

/// <summary>
/// Adds spots to an expected-counts image: each spot a 2-D Gaussian integrated exactly over pixel areas
/// (differences of the error function), touching only the pixels within 4σ of its centre.
/// </summary>
internal static class SpotRenderer
{
    /// <summary>Adds every reflection's expected counts, spread with footprint σ = <paramref name="sigmaPx"/> pixels.</summary>
    public static void Render(IEnumerable<Reflection> reflections, double sigmaPx, float[] expected, int width, int height)
    {
        int radius = (int)Math.Ceiling(4 * sigmaPx) + 1;
        Span<double> wx = stackalloc double[2 * radius + 2];
        Span<double> wy = stackalloc double[2 * radius + 2];
        double inv = 1 / (sigmaPx * Math.Sqrt(2));
        foreach (var r in reflections)
        {
            if (r.Counts < 1e-3)
                continue;
            int x0 = (int)Math.Floor(r.Fast) - radius, y0 = (int)Math.Floor(r.Slow) - radius;
            int n = 2 * radius + 1;
            Weights(r.Fast, x0, n, inv, wx);
            Weights(r.Slow, y0, n, inv, wy);
            for (int dy = 0; dy < n; dy++)
            {
                int y = y0 + dy;
                if (y < 0 || y >= height)
                    continue;
                double rowWeight = r.Counts * wy[dy];
                if (rowWeight < 1e-6)
                    continue;
                int offset = y * width;
                for (int dx = 0; dx < n; dx++)
                {
                    int x = x0 + dx;
                    if (x >= 0 && x < width)
                        expected[offset + x] += (float)(rowWeight * wx[dx]);
                }
            }
        }
    }

    // Fraction of a unit Gaussian centred at c falling in pixel [x0+i, x0+i+1), for i in [0, n).
    private static void Weights(double c, int x0, int n, double inv, Span<double> w)
    {
        double previous = Erf((x0 - c) * inv);
        for (int i = 0; i < n; i++)
        {
            double next = Erf((x0 + i + 1 - c) * inv);
            w[i] = 0.5 * (next - previous);
            previous = next;
        }
    }

    /// <summary>The error function, Abramowitz &amp; Stegun 7.1.26 (absolute error &lt; 1.5e-7).</summary>
    public static double Erf(double x)
    {
        double sign = x < 0 ? -1 : 1;
        x = Math.Abs(x);
        double t = 1 / (1 + 0.3275911 * x);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
