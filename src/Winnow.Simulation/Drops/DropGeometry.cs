using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Drops;

/// <summary>Where the well and the drop are: the well a rounded disc inside its dark rim, the drop a wobbly ellipse in it.</summary>
internal sealed class DropGeometry
{
    public double WellX, WellY, WellRadius, RimOuter, RimPower;
    public double DropX, DropY, DropRadius;
    private readonly double[] harmonicA = new double[4], harmonicPhase = new double[4];
    private readonly double[] harmonicCos = new double[4], harmonicSin = new double[4];
    private double elongation, cosAngle, sinAngle;

    /// <summary>Random geometry for a width × height photograph.</summary>
    public static DropGeometry Random(SimRandom rng, int width, int height)
    {
        var g = new DropGeometry
        {
            WellX = width / 2.0 + rng.Normal() * 25,
            WellY = height / 2.0 + rng.Normal() * 20,
            WellRadius = height * rng.Uniform(0.38, 0.46),
        };
        g.RimOuter = g.WellRadius * rng.Uniform(1.12, 1.28);
        g.RimPower = rng.Uniform(2.5, 5);
        g.DropRadius = g.WellRadius * rng.Uniform(0.5, 0.92);
        var slack = g.WellRadius - g.DropRadius;
        var a = rng.Uniform(0, 2 * Math.PI);
        var s = rng.Uniform(0, 0.8) * slack;
        g.DropX = g.WellX + s * Math.Cos(a);
        g.DropY = g.WellY + s * Math.Sin(a);
        for (var k = 0; k < 4; k++)
        {
            g.harmonicA[k] = rng.Uniform(0, 0.06 / (k + 1));
            g.harmonicPhase[k] = rng.Uniform(0, 2 * Math.PI);
            g.harmonicCos[k] = Math.Cos(g.harmonicPhase[k]);
            g.harmonicSin[k] = Math.Sin(g.harmonicPhase[k]);
        }
        g.elongation = rng.Uniform(0.85, 1.15);
        var angle = rng.Uniform(0, Math.PI);
        g.cosAngle = Math.Cos(angle);
        g.sinAngle = Math.Sin(angle);
        return g;
    }

    /// <summary>Geometry for a real photograph: the drop assumed centred, filling most of a well of the usual size.</summary>
    public static DropGeometry ForBackground(SimRandom rng, int width, int height)
    {
        var g = Random(rng, width, height);
        g.DropX = g.WellX = width / 2.0;
        g.DropY = g.WellY = height / 2.0;
        g.DropRadius = height * 0.3;
        return g;
    }

    /// <summary>Signed distance-like value: negative inside the drop, in pixels.</summary>
    public double DropDistance(double x, double y)
    {
        // The hottest function of the simulator (every pixel near the drop, several times): cos((k+2)θ + φ) from
        // cos θ and sin θ by complex powers, with no atan2 and no trigonometric calls.
        double dx = x - DropX, dy = y - DropY;
        double u = (dx * cosAngle + dy * sinAngle) / elongation, v = (-dx * sinAngle + dy * cosAngle) * elongation;
        var r = Math.Sqrt(u * u + v * v);
        if (r < 1e-9) return -DropRadius;
        double c1 = u / r, s1 = v / r;
        double ck = c1 * c1 - s1 * s1, sk = 2 * c1 * s1; // k = 2
        double rad = DropRadius;
        for (var k = 0; k < 4; k++)
        {
            rad *= 1 + harmonicA[k] * (ck * harmonicCos[k] - sk * harmonicSin[k]);
            (ck, sk) = (ck * c1 - sk * s1, sk * c1 + ck * s1);
        }
        return r - rad;
    }

    /// <summary>Superellipse distance of the dark rim's outer edge: below 1 inside the rim.</summary>
    public double RimMeasure(double x, double y)
    {
        double u = Math.Abs(x - WellX) / RimOuter, v = Math.Abs(y - WellY) / RimOuter;
        return Math.Pow(Math.Pow(u, RimPower) + Math.Pow(v, RimPower), 1 / RimPower);
    }

    /// <summary>A random point well inside the drop (fraction <paramref name="margin"/> of the radius from its edge).</summary>
    public (double X, double Y) PointInDrop(SimRandom rng, double margin = 0.1)
    {
        for (var i = 0; i < 100; i++)
        {
            var r = DropRadius * (1 - margin) * Math.Sqrt(rng.NextDouble());
            var a = rng.Uniform(0, 2 * Math.PI);
            double x = DropX + r * Math.Cos(a), y = DropY + r * Math.Sin(a);
            if (DropDistance(x, y) < -margin * DropRadius) return (x, y);
        }
        return (DropX, DropY);
    }
}
