using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Drops;

/// <summary>Crystals: facetted plates, prisms, needles, clusters and microcrystal showers, from a few pixels to a large fraction of the drop.</summary>
internal static class CrystalPainter
{
    private static readonly string[] Habits = ["plates", "prisms", "needles", "cluster", "shower"];

    /// <summary>Paints one habit into the drop; returns its name. Every crystal drawn is added to <paramref name="marks"/>.</summary>
    public static string Paint(DropCanvas canvas, DropGeometry g, SimRandom rng, List<CrystalMark> marks)
    {
        var habit = Habits[rng.NextInt(Habits.Length)];
        var tint = Tint(rng);
        switch (habit)
        {
            case "plates":
            case "prisms":
                {
                    var count = rng.NextDouble() < 0.5 ? 1 + rng.NextInt(3) : 2 + rng.NextInt(12);
                    var maxSize = g.DropRadius * (count <= 3 ? 0.45 : 0.2);
                    for (var i = 0; i < count; i++)
                    {
                        var size = rng.LogUniform(10, Math.Max(12, maxSize));
                        var (x, y) = g.PointInDrop(rng, 0.12);
                        marks.Add(Crystal(canvas, rng, x, y, size, habit == "prisms", tint));
                    }
                    break;
                }
            case "needles":
                {
                    var count = 1 + rng.NextInt(10);
                    for (var i = 0; i < count; i++)
                    {
                        var (x, y) = g.PointInDrop(rng, 0.15);
                        marks.Add(Needle(canvas, rng, x, y, rng.Uniform(0, Math.PI), rng.LogUniform(20, g.DropRadius * 0.6), rng.Uniform(2.5, 8), tint));
                    }
                    break;
                }
            case "cluster":
                {
                    var clusters = 1 + rng.NextInt(3);
                    for (var c = 0; c < clusters; c++)
                    {
                        var (x, y) = g.PointInDrop(rng, 0.25);
                        var arms = 4 + rng.NextInt(12);
                        var length = rng.LogUniform(20, g.DropRadius * 0.35);
                        var plates = rng.NextDouble() < 0.4;
                        for (var a = 0; a < arms; a++)
                        {
                            var angle = rng.Uniform(0, 2 * Math.PI);
                            var l = length * rng.Uniform(0.5, 1);
                            if (plates)
                                marks.Add(Crystal(canvas, rng, x + Math.Cos(angle) * l * 0.4, y + Math.Sin(angle) * l * 0.4, l * 0.6, false, tint));
                            else
                                marks.Add(Needle(canvas, rng, x + Math.Cos(angle) * l / 2, y + Math.Sin(angle) * l / 2, angle, l, rng.Uniform(2.5, 6), tint));
                        }
                    }
                    break;
                }
            default:
                {
                    // Microcrystal shower: many small sharp-edged crystals, often gathered in part of the drop.
                    var count = 25 + rng.NextInt(250);
                    var (cx, cy) = g.PointInDrop(rng, 0.3);
                    var spread = g.DropRadius * rng.Uniform(0.2, 0.8);
                    for (var i = 0; i < count; i++)
                    {
                        var x = cx + rng.Normal() * spread;
                        var y = cy + rng.Normal() * spread;
                        if (g.DropDistance(x, y) > -4) continue;
                        marks.Add(Crystal(canvas, rng, x, y, rng.Uniform(7, 16), rng.NextDouble() < 0.5, tint));
                    }
                    break;
                }
        }
        return habit;
    }

    private static (double, double, double) Tint(SimRandom rng)
    {
        // Most protein crystals are colourless; some carry a cofactor's colour (haem brown-red, flavin yellow, copper blue).
        var u = rng.NextDouble();
        if (u < 0.7) return (rng.Uniform(0.85, 0.98), rng.Uniform(0.85, 0.98), rng.Uniform(0.85, 1.0));
        if (u < 0.85) return (0.85, 0.65, 0.4);
        if (u < 0.95) return (0.9, 0.85, 0.45);
        return (0.55, 0.7, 0.95);
    }

    /// <summary>A plate (flat, few facets, clear interior) or a prism (bright and dark faces) as a convex polygon.</summary>
    public static CrystalMark Crystal(DropCanvas canvas, SimRandom rng, double x, double y, double size, bool prism, (double R, double G, double B) tint)
    {
        var sides = prism ? 4 + rng.NextInt(3) : (rng.NextDouble() < 0.5 ? 4 : 6);
        var rot = rng.Uniform(0, Math.PI);
        var aspect = rng.Uniform(0.5, 1);
        var v = new List<(double, double)>(sides);
        for (var i = 0; i < sides; i++)
        {
            var a = 2 * Math.PI * i / sides + rng.Uniform(-0.12, 0.12);
            var r = size / 2 * rng.Uniform(0.9, 1.1);
            double u = r * Math.Cos(a), w = r * Math.Sin(a) * aspect;
            v.Add((x + u * Math.Cos(rot) - w * Math.Sin(rot), y + u * Math.Sin(rot) + w * Math.Cos(rot)));
        }
        var shades = new double[sides];
        for (var i = 0; i < sides; i++) shades[i] = prism ? rng.Uniform(0.35, 1.0) : rng.Uniform(0.85, 1.0);
        var edge = Math.Clamp(size / 25, 1.0, 3.0);
        canvas.Polygon(v, edge, rng.Uniform(0.55, 0.95), tint, shades, rng.Uniform(0.6, 1));
        return CrystalMark.Around(v);
    }

    /// <summary>A needle: a long thin rectangle with pointed ends.</summary>
    public static CrystalMark Needle(DropCanvas canvas, SimRandom rng, double x, double y, double angle, double length, double width, (double R, double G, double B) tint)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle), hl = length / 2, hw = width / 2, tip = Math.Min(hl * 0.2, width * 1.5);
        var v = new List<(double, double)>
        {
            (x + c * hl, y + s * hl),
            (x + c * (hl - tip) - s * hw, y + s * (hl - tip) + c * hw),
            (x - c * (hl - tip) - s * hw, y - s * (hl - tip) + c * hw),
            (x - c * hl, y - s * hl),
            (x - c * (hl - tip) + s * hw, y - s * (hl - tip) - c * hw),
            (x + c * (hl - tip) + s * hw, y + s * (hl - tip) - c * hw),
        };
        canvas.Polygon(v, Math.Max(0.8, width / 3), rng.Uniform(0.5, 0.9), tint, [rng.Uniform(0.5, 0.9), rng.Uniform(0.7, 1)], rng.Uniform(0.7, 1));
        return CrystalMark.Around(v);
    }
}
