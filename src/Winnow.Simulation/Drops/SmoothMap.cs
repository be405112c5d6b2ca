namespace Winnow.Simulation.Drops;

/// <summary>
/// A slowly varying RGB field sampled every <c>Step</c> pixels and interpolated bilinearly: illumination and tints
/// change over hundreds of pixels, so evaluating them per pixel would waste most of the simulator's time.
/// </summary>
internal sealed class SmoothMap
{
    private const int Step = 8;
    private readonly float[] values;
    private readonly int cols, rows;

    /// <summary>Samples <paramref name="field"/> on a coarse grid over width × height.</summary>
    public SmoothMap(int width, int height, Func<double, double, (double R, double G, double B)> field)
    {
        cols = width / Step + 2;
        rows = height / Step + 2;
        values = new float[cols * rows * 3];
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < cols; i++)
            {
                var (r, g, b) = field(i * Step, j * Step);
                var k = (j * cols + i) * 3;
                values[k] = (float)r;
                values[k + 1] = (float)g;
                values[k + 2] = (float)b;
            }
        }
    }

    /// <summary>Multiplies every pixel of <paramref name="canvas"/> by the field.</summary>
    public void MultiplyInto(DropCanvas canvas)
    {
        var px = canvas.Pixels;
        int w = canvas.Width, h = canvas.Height;
        // The horizontal interpolation depends only on the grid row, so it is done once per row of the grid (every
        // Step pixel rows) instead of once per pixel; each pixel then costs one multiply-add. The same operations in
        // the same order as interpolating per pixel, so the photographs are the same to the bit.
        var top = new float[w * 3];
        var span = new float[w * 3];
        var band = -1;
        for (var y = 0; y < h; y++)
        {
            var gy = (float)y / Step;
            var j = (int)gy;
            var fy = gy - j;
            if (j != band)
            {
                band = j;
                for (var x = 0; x < w; x++)
                {
                    var gx = (float)x / Step;
                    var i = (int)gx;
                    var fx = gx - i;
                    int k00 = (j * cols + i) * 3, k01 = k00 + 3, k10 = k00 + cols * 3, k11 = k10 + 3;
                    for (var c = 0; c < 3; c++)
                    {
                        var t = values[k00 + c] + (values[k01 + c] - values[k00 + c]) * fx;
                        var bottom = values[k10 + c] + (values[k11 + c] - values[k10 + c]) * fx;
                        top[x * 3 + c] = t;
                        span[x * 3 + c] = bottom - t;
                    }
                }
            }
            var row = px.AsSpan(y * w * 3, w * 3);
            for (var k = 0; k < row.Length; k++) row[k] *= top[k] + span[k] * fy;
        }
    }
}
