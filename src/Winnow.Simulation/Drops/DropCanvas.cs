namespace Winnow.Simulation.Drops;

/// <summary>
/// An RGB float image (HWC, linear transmittance 0…1) with the drawing primitives of bright-field microscopy:
/// objects absorb light (multiply) and their edges refract it away (dark outlines); anti-aliased by coverage.
/// </summary>
internal sealed class DropCanvas(int width, int height)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Pixels { get; } = new float[width * height * 3];

    /// <summary>Multiplies a pixel by (1 − a) + a·t per channel: a fraction a of the light passes through colour t.</summary>
    public void Absorb(int x, int y, double a, double tr, double tg, double tb)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || a <= 0) return;
        if (a > 1) a = 1;
        var i = (y * Width + x) * 3;
        Pixels[i] *= (float)(1 - a + a * tr);
        Pixels[i + 1] *= (float)(1 - a + a * tg);
        Pixels[i + 2] *= (float)(1 - a + a * tb);
    }

    /// <summary>Moves a pixel towards brightness <paramref name="v"/> by fraction a (highlights).</summary>
    public void Lighten(int x, int y, double a, double v)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || a <= 0) return;
        if (a > 1) a = 1;
        var i = (y * Width + x) * 3;
        for (var c = 0; c < 3; c++) Pixels[i + c] = (float)(Pixels[i + c] * (1 - a) + v * a);
    }

    /// <summary>
    /// A convex polygon (vertices counter-clockwise or clockwise) with dark refracting edges, a tint and one shade
    /// per facet (the facet is the edge nearest the pixel, so each face of a prism gets its own brightness).
    /// </summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> v, double edgeWidth, double edgeDarkness, (double R, double G, double B) tint, double[] facetShade, double opacity = 1)
    {
        var n = v.Count;
        // Outward unit normals, whichever way the vertices turn.
        double area = 0;
        for (var i = 0; i < n; i++) area += v[i].X * v[(i + 1) % n].Y - v[(i + 1) % n].X * v[i].Y;
        var sign = area >= 0 ? 1.0 : -1.0;
        var nx = new double[n];
        var ny = new double[n];
        var off = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (x0, y0) = v[i];
            var (x1, y1) = v[(i + 1) % n];
            double dx = x1 - x0, dy = y1 - y0, len = Math.Max(1e-9, Math.Sqrt(dx * dx + dy * dy));
            nx[i] = sign * dy / len;
            ny[i] = -sign * dx / len;
            off[i] = nx[i] * x0 + ny[i] * y0;
        }
        var minX = (int)Math.Floor(v.Min(p => p.X)) - 2;
        var maxX = (int)Math.Ceiling(v.Max(p => p.X)) + 2;
        var minY = (int)Math.Floor(v.Min(p => p.Y)) - 2;
        var maxY = (int)Math.Ceiling(v.Max(p => p.Y)) + 2;
        minX = Math.Max(0, minX); minY = Math.Max(0, minY);
        maxX = Math.Min(Width - 1, maxX); maxY = Math.Min(Height - 1, maxY);
        for (var y = minY; y <= maxY; y++)
        {
            for (var x = minX; x <= maxX; x++)
            {
                double d = double.NegativeInfinity;
                var face = 0;
                for (var i = 0; i < n; i++)
                {
                    var s = nx[i] * (x + 0.5) + ny[i] * (y + 0.5) - off[i];
                    if (s > d) { d = s; face = i; }
                }
                var cover = Math.Clamp(0.5 - d, 0, 1);
                if (cover <= 0) continue;
                var edge = Math.Exp(-(d * d) / (edgeWidth * edgeWidth));
                var shade = facetShade[face % facetShade.Length];
                var a = opacity * cover;
                Absorb(x, y, a, tint.R * shade, tint.G * shade, tint.B * shade);
                Absorb(x, y, opacity * edge * edgeDarkness, 0.15, 0.15, 0.17);
            }
        }
    }

    /// <summary>A filled disc with a dark rim (droplets, bubbles, grains); <paramref name="centre"/> is the interior transmittance.</summary>
    public void Disc(double cx, double cy, double r, double rimWidth, double rimDarkness, (double R, double G, double B) centre, double opacity, double highlight = 0)
    {
        var reach = r + 2 * rimWidth + 1;
        int x0 = Math.Max(0, (int)(cx - reach)), x1 = Math.Min(Width - 1, (int)(cx + reach));
        int y0 = Math.Max(0, (int)(cy - reach)), y1 = Math.Min(Height - 1, (int)(cy + reach));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                var dist = Math.Sqrt(dx * dx + dy * dy);
                var d = dist - r;
                var cover = Math.Clamp(0.5 - d, 0, 1);
                if (cover > 0) Absorb(x, y, opacity * cover, centre.R, centre.G, centre.B);
                var inner = Math.Max(0, -d);
                var rim = Math.Exp(-(d * d) / (rimWidth * rimWidth)) + (d < 0 ? 0.5 * Math.Exp(-inner / Math.Max(1, rimWidth * 2)) : 0);
                Absorb(x, y, opacity * rimDarkness * Math.Min(1, rim), 0.12, 0.12, 0.14);
                if (highlight > 0 && dist < r * 0.35) Lighten(x, y, highlight * (1 - dist / (r * 0.35)), 1.0);
            }
        }
    }

    /// <summary>A soft line segment of width w (fibres, needles' shadows, wrinkles, scratches).</summary>
    public void Line(double xa, double ya, double xb, double yb, double w, double a, (double R, double G, double B) t)
    {
        double dx = xb - xa, dy = yb - ya, len2 = Math.Max(1e-9, dx * dx + dy * dy);
        var reach = w + 2;
        int x0 = Math.Max(0, (int)(Math.Min(xa, xb) - reach)), x1 = Math.Min(Width - 1, (int)(Math.Max(xa, xb) + reach));
        int y0 = Math.Max(0, (int)(Math.Min(ya, yb) - reach)), y1 = Math.Min(Height - 1, (int)(Math.Max(ya, yb) + reach));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                double px = x + 0.5 - xa, py = y + 0.5 - ya;
                var s = Math.Clamp((px * dx + py * dy) / len2, 0, 1);
                double ex = px - s * dx, ey = py - s * dy;
                var d = Math.Sqrt(ex * ex + ey * ey);
                var cover = Math.Clamp(w / 2 + 0.5 - d, 0, 1);
                if (cover > 0) Absorb(x, y, a * cover, t.R, t.G, t.B);
            }
        }
    }
}
