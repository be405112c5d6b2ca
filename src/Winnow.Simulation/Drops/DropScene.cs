using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Drops;

/// <summary>
/// The empty scene of an imager photograph: plastic plate, the dark rim around the well, the bright well floor with
/// its edge, the drop with its meniscus (a dark band where the surface curves), and the rainbow tints that polarised
/// light and plastic give many imagers. Uneven illumination is applied last, to contents and all.
/// </summary>
internal static class DropScene
{
    /// <summary>Paints the plate, well and drop.</summary>
    public static void Paint(DropCanvas canvas, DropGeometry g, SimRandom rng)
    {
        int w = canvas.Width, h = canvas.Height;
        var plate = rng.Uniform(0.62, 0.92);
        var floor = rng.Uniform(0.78, 0.97);
        var rimLevel = rng.Uniform(0.02, 0.12);
        var edgeWidth = rng.Uniform(2, 7);
        var meniscus = rng.Uniform(6, 45);
        var meniscusDark = rng.Uniform(0.25, 0.8);
        var dropTint = (1 - rng.Uniform(0, 0.06), 1 - rng.Uniform(0, 0.06), 1 - rng.Uniform(0, 0.06));
        var rimTexture = new ValueNoise(rng, w, h, 60, 1);
        // Rainbow (birefringence) tint: strong in some imagers (MARCO-like), absent in others (Formulatrix bright field).
        var rainbow = rng.NextDouble() < 0.4 ? rng.Uniform(0.05, 0.35) : 0;
        var hue = new ValueNoise(rng, w, h, 2, 2);
        var baseTint = (rng.Uniform(0.9, 1), rng.Uniform(0.9, 1), rng.Uniform(0.92, 1));
        var px = canvas.Pixels;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double dx = x - g.WellX, dy = y - g.WellY;
                var r = Math.Sqrt(dx * dx + dy * dy);
                double v;
                if (r < g.WellRadius - edgeWidth * 3)
                {
                    v = floor;
                }
                else
                {
                    // Beyond √2 × the rim's outer radius no superellipse reaches: plate, without the costly powers.
                    var rim = r < g.WellRadius * 0.99 ? 0 : r > g.RimOuter * 1.42 ? 2 : g.RimMeasure(x, y);
                    if (r < g.WellRadius)
                    {
                        var e = (g.WellRadius - r) / edgeWidth;
                        v = floor * (1 - 0.7 * Math.Exp(-e * e));
                    }
                    else if (rim < 1)
                    {
                        v = rimLevel * (0.6 + 0.8 * rimTexture.At(x, y));
                    }
                    else
                    {
                        v = plate;
                    }
                }
                var i = (y * w + x) * 3;
                px[i] = px[i + 1] = px[i + 2] = (float)v;
            }
        }
        new SmoothMap(w, h, (x, y) =>
        {
            double cr = baseTint.Item1, cg = baseTint.Item2, cb = baseTint.Item3;
            if (rainbow > 0)
            {
                var t = hue.At(x, y) * 4 * Math.PI;
                cr *= 1 - rainbow * (0.5 + 0.5 * Math.Sin(t));
                cg *= 1 - rainbow * (0.5 + 0.5 * Math.Sin(t + 2.1));
                cb *= 1 - rainbow * (0.5 + 0.5 * Math.Sin(t + 4.2));
            }
            return (cr, cg, cb);
        }).MultiplyInto(canvas);
        PaintDrop(canvas, g, meniscus, meniscusDark, dropTint);
    }

    /// <summary>The drop itself: a faint tint inside and a dark meniscus band just inside its edge.</summary>
    public static void PaintDrop(DropCanvas canvas, DropGeometry g, double meniscus, double dark, (double, double, double) tint)
    {
        var reach = g.DropRadius * 1.4 + 5;
        int x0 = Math.Max(0, (int)(g.DropX - reach)), x1 = Math.Min(canvas.Width - 1, (int)(g.DropX + reach));
        int y0 = Math.Max(0, (int)(g.DropY - reach)), y1 = Math.Min(canvas.Height - 1, (int)(g.DropY + reach));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var d = g.DropDistance(x + 0.5, y + 0.5);
                if (d > 2 || d < -8 * meniscus) continue;
                var cover = Math.Clamp(0.5 - d, 0, 1);
                canvas.Absorb(x, y, cover, tint.Item1, tint.Item2, tint.Item3);
                var band = Math.Exp(d / meniscus) * (d < 0 ? 1 : Math.Exp(-d));
                canvas.Absorb(x, y, dark * band, 0.2, 0.2, 0.22);
            }
        }
    }

    /// <summary>Uneven illumination: a gradient, a vignette and a colour cast, multiplied over everything.</summary>
    public static void Illuminate(DropCanvas canvas, SimRandom rng)
    {
        int w = canvas.Width, h = canvas.Height;
        var gx = rng.Uniform(-0.25, 0.25);
        var gy = rng.Uniform(-0.25, 0.25);
        var vignette = rng.Uniform(0, 0.35);
        var gain = rng.Uniform(0.8, 1.15);
        var cast = (rng.Uniform(0.92, 1.06), rng.Uniform(0.92, 1.06), rng.Uniform(0.92, 1.08));
        var blotches = new ValueNoise(rng, w, h, 4, 2);
        var blotchAmp = rng.Uniform(0, 0.2);
        new SmoothMap(w, h, (x, y) =>
        {
            double nx = (x - w / 2.0) / w, ny = (y - h / 2.0) / h;
            var f = gain * (1 + gx * nx * 2 + gy * ny * 2) * (1 - vignette * (nx * nx + ny * ny) * 2) * (1 - blotchAmp * (blotches.At(x, y) - 0.5));
            return (f * cast.Item1, f * cast.Item2, f * cast.Item3);
        }).MultiplyInto(canvas);
    }
}
