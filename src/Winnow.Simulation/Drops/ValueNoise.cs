using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Drops;

/// <summary>Smooth random fields (bilinear value noise on a coarse lattice, summed over octaves) for illumination, tints and clouds.</summary>
internal sealed class ValueNoise
{
    private readonly float[][] grids;
    private readonly int[] sizes;
    private readonly double[] weights;
    private readonly double width, height;

    /// <summary>A field over width × height pixels whose coarsest octave has <paramref name="cells"/> cells across.</summary>
    public ValueNoise(SimRandom rng, double width, double height, int cells, int octaves = 1, double persistence = 0.5)
    {
        this.width = width;
        this.height = height;
        grids = new float[octaves][];
        sizes = new int[octaves];
        weights = new double[octaves];
        double total = 0;
        for (var o = 0; o < octaves; o++)
        {
            var n = cells * (1 << o) + 2;
            sizes[o] = n;
            grids[o] = new float[n * n];
            for (var i = 0; i < grids[o].Length; i++) grids[o][i] = (float)rng.NextDouble();
            weights[o] = Math.Pow(persistence, o);
            total += weights[o];
        }
        for (var o = 0; o < octaves; o++) weights[o] /= total;
    }

    /// <summary>The field at pixel (x, y), in 0…1 with mean about 0.5.</summary>
    public double At(double x, double y)
    {
        double v = 0;
        for (var o = 0; o < grids.Length; o++)
        {
            var n = sizes[o];
            var gx = Math.Clamp(x / width, 0, 1) * (n - 2);
            var gy = Math.Clamp(y / height, 0, 1) * (n - 2);
            int ix = (int)gx, iy = (int)gy;
            double fx = gx - ix, fy = gy - iy;
            fx = fx * fx * (3 - 2 * fx);
            fy = fy * fy * (3 - 2 * fy);
            var g = grids[o];
            var a = g[iy * n + ix] * (1 - fx) + g[iy * n + ix + 1] * fx;
            var b = g[(iy + 1) * n + ix] * (1 - fx) + g[(iy + 1) * n + ix + 1] * fx;
            v += weights[o] * (a * (1 - fy) + b * fy);
        }
        return v;
    }
}
