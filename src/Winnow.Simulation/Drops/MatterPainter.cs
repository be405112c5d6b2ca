using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Drops;

/// <summary>Precipitate (granular, amorphous), "other" outcomes (phase separation, skin, spherulites) and clear-drop artefacts.</summary>
internal static class MatterPainter
{
    /// <summary>Granular or amorphous precipitate, light to heavy, usually brown; returns its kind.</summary>
    public static string Precipitate(DropCanvas canvas, DropGeometry g, SimRandom rng)
    {
        var brown = (rng.Uniform(0.45, 0.75), rng.Uniform(0.35, 0.6), rng.Uniform(0.2, 0.45));
        var heaviness = rng.Uniform(0.3, 1);
        var granular = rng.NextDouble() < 0.5;
        // Precipitate gathers where it likes: a cloud field decides density across the drop.
        var field = new ValueNoise(rng, canvas.Width, canvas.Height, rng.NextInt(4) + 3, 3);
        var reach = g.DropRadius * 1.3;
        int x0 = Math.Max(0, (int)(g.DropX - reach)), x1 = Math.Min(canvas.Width - 1, (int)(g.DropX + reach));
        int y0 = Math.Max(0, (int)(g.DropY - reach)), y1 = Math.Min(canvas.Height - 1, (int)(g.DropY + reach));
        if (granular)
        {
            var grains = (int)(heaviness * g.DropRadius * g.DropRadius * rng.Uniform(0.01, 0.05));
            for (var i = 0; i < grains; i++)
            {
                var (x, y) = g.PointInDrop(rng, 0.03);
                if (field.At(x, y) < 0.5 - heaviness * 0.3) continue;
                var r = rng.LogUniform(0.8, 3.5);
                canvas.Disc(x, y, r, 0.8, 0.4, brown, rng.Uniform(0.4, 0.9));
            }
        }
        var haze = granular ? heaviness * 0.4 : heaviness * 0.9;
        var fine = new ValueNoise(rng, canvas.Width, canvas.Height, 150, 1);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var d = g.DropDistance(x + 0.5, y + 0.5);
                if (d > 0) continue;
                var density = Math.Clamp((field.At(x, y) - 0.5 + heaviness * 0.35) * 2.5, 0, 1) * Math.Clamp(-d / 20, 0, 1);
                var speckle = granular ? 0.5 + fine.At(x, y) : 0.6 + 0.8 * fine.At(x, y);
                canvas.Absorb(x, y, haze * density * speckle, brown.Item1, brown.Item2, brown.Item3);
            }
        }
        return granular ? "granular" : "amorphous";
    }

    /// <summary>Phase separation droplets, protein skin with wrinkles, or spherulites; returns the kind.</summary>
    public static string Other(DropCanvas canvas, DropGeometry g, SimRandom rng)
    {
        var u = rng.NextDouble();
        if (u < 0.4)
        {
            // Oil-like droplets: round, dark-rimmed, bright-centred, clustered sizes.
            var count = 15 + rng.NextInt(80);
            var scale = rng.LogUniform(6, 40);
            for (var i = 0; i < count; i++)
            {
                var (x, y) = g.PointInDrop(rng, 0.05);
                var r = scale * rng.LogUniform(0.4, 1.6);
                var dark = rng.NextDouble() < 0.3;
                canvas.Disc(x, y, r, Math.Max(1, r * 0.15), dark ? 0.9 : 0.6, dark ? (0.3, 0.3, 0.3) : (0.95, 0.95, 0.93), dark ? 0.9 : 0.5, dark ? 0 : 0.15);
            }
            return "phase-separation";
        }
        if (u < 0.7)
        {
            // Skin: a wrinkled membrane over part of the drop, many wavy folds and a slight haze.
            var (cx, cy) = g.PointInDrop(rng, 0.3);
            var extent = g.DropRadius * rng.Uniform(0.4, 1.0);
            var folds = 10 + rng.NextInt(40);
            var tint = (rng.Uniform(0.7, 0.9), rng.Uniform(0.65, 0.85), rng.Uniform(0.55, 0.8));
            for (var f = 0; f < folds; f++)
            {
                var angle = rng.Uniform(0, Math.PI);
                var x = cx + rng.Uniform(-extent, extent);
                var y = cy + rng.Uniform(-extent, extent);
                var length = rng.Uniform(0.2, 0.7) * extent;
                var amp = rng.Uniform(2, 12);
                var freq = rng.Uniform(0.02, 0.08);
                var steps = (int)(length / 4);
                double px = x, py = y;
                for (var s = 1; s <= steps; s++)
                {
                    var t = s * 4.0;
                    var wob = amp * Math.Sin(t * freq);
                    var nx = x + Math.Cos(angle) * t - Math.Sin(angle) * wob;
                    var ny = y + Math.Sin(angle) * t + Math.Cos(angle) * wob;
                    if (g.DropDistance(nx, ny) < -3) canvas.Line(px, py, nx, ny, rng.Uniform(1, 3), 0.5, tint);
                    px = nx; py = ny;
                }
            }
            return "skin";
        }
        // Spherulites: round, fuzzy, radially fibrous balls with a dark core and no facets.
        var balls = 1 + rng.NextInt(8);
        for (var b = 0; b < balls; b++)
        {
            var (x, y) = g.PointInDrop(rng, 0.2);
            var r = rng.LogUniform(10, g.DropRadius * 0.25);
            var tint = (rng.Uniform(0.6, 0.85), rng.Uniform(0.55, 0.8), rng.Uniform(0.45, 0.75));
            canvas.Disc(x, y, r * 0.35, r * 0.2, 0.5, tint, 0.8);
            var fibres = (int)(r * 1.5) + 20;
            for (var f = 0; f < fibres; f++)
            {
                var a = rng.Uniform(0, 2 * Math.PI);
                var l = r * rng.Uniform(0.6, 1.1);
                canvas.Line(x, y, x + Math.Cos(a) * l, y + Math.Sin(a) * l, rng.Uniform(0.6, 1.4), rng.Uniform(0.15, 0.4), tint);
            }
        }
        return "spherulites";
    }

    /// <summary>Things every drop may hold without changing its class: dust, a fibre, a bubble, moulding marks.</summary>
    public static List<string> Artefacts(DropCanvas canvas, DropGeometry g, SimRandom rng, double rate)
    {
        var kinds = new List<string>();
        if (rng.NextDouble() < rate)
        {
            kinds.Add("dust");
            var specks = 1 + rng.NextInt(12);
            for (var i = 0; i < specks; i++)
            {
                var (x, y) = g.PointInDrop(rng, 0);
                canvas.Disc(x, y, rng.Uniform(0.8, 3), 0.8, 0.6, (0.25, 0.25, 0.25), rng.Uniform(0.5, 1));
            }
        }
        if (rng.NextDouble() < rate * 0.5)
        {
            kinds.Add("fibre");
            var (x, y) = g.PointInDrop(rng, 0);
            var angle = rng.Uniform(0, 2 * Math.PI);
            var curve = rng.Uniform(-0.004, 0.004);
            var length = rng.Uniform(80, g.WellRadius * 2);
            var width = rng.Uniform(1, 2.5);
            double px = x, py = y;
            for (var t = 6.0; t < length; t += 6)
            {
                angle += curve * 6;
                var nx = px + Math.Cos(angle) * 6;
                var ny = py + Math.Sin(angle) * 6;
                canvas.Line(px, py, nx, ny, width, 0.75, (0.2, 0.2, 0.22));
                px = nx; py = ny;
            }
        }
        if (rng.NextDouble() < rate * 0.5)
        {
            kinds.Add("bubble");
            var (x, y) = g.PointInDrop(rng, 0.1);
            var r = rng.Uniform(10, 70);
            canvas.Disc(x, y, r, r * 0.25, 0.9, (0.95, 0.95, 0.95), 0.3, 0.4);
        }
        if (rng.NextDouble() < rate * 0.4)
        {
            kinds.Add("moulding");
            var marks = 1 + rng.NextInt(3);
            for (var i = 0; i < marks; i++)
            {
                var a = rng.Uniform(0, Math.PI);
                var off = rng.Uniform(-g.WellRadius, g.WellRadius) * 0.8;
                double cx = g.WellX - Math.Sin(a) * off, cy = g.WellY + Math.Cos(a) * off;
                canvas.Line(cx - Math.Cos(a) * g.WellRadius, cy - Math.Sin(a) * g.WellRadius, cx + Math.Cos(a) * g.WellRadius, cy + Math.Sin(a) * g.WellRadius, rng.Uniform(1, 4), 0.12, (0.6, 0.6, 0.62));
            }
        }
        return kinds;
    }
}
