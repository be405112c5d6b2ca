namespace Winnow.Simulation.Diffraction;

/// <summary>Random rotations for crystal orientations.</summary>
public static class Orientation
{
    /// <summary>A rotation drawn uniformly on SO(3) (Haar measure) from a uniform unit quaternion (Shoemake, Graphics Gems III, 1992).</summary>
    public static Mat3 RandomRotation(SimRandom rng)
    {
        double u1 = rng.NextDouble(), u2 = rng.NextDouble(), u3 = rng.NextDouble();
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        double x = a * Math.Sin(2 * Math.PI * u2), y = a * Math.Cos(2 * Math.PI * u2);
        double z = b * Math.Sin(2 * Math.PI * u3), w = b * Math.Cos(2 * Math.PI * u3);
        return new Mat3(
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }

    /// <summary>A unit vector uniform on the sphere.</summary>
    public static Vec3 RandomAxis(SimRandom rng)
    {
        double z = rng.Uniform(-1, 1), phi = rng.Uniform(0, 2 * Math.PI), r = Math.Sqrt(1 - z * z);
        return new Vec3(r * Math.Cos(phi), r * Math.Sin(phi), z);
    }

    /// <summary>The angle in degrees of the rotation taking <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static double AngleBetweenDeg(Mat3 a, Mat3 b)
    {
        var r = b * a.Transpose();
        double c = Math.Clamp((r.M00 + r.M11 + r.M22 - 1) / 2, -1, 1);
        return Math.Acos(c) * 180 / Math.PI;
    }
}
