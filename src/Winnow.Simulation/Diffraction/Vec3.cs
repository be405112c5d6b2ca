namespace Winnow.Simulation.Diffraction;

/// <summary>A 3-vector in double precision (lab frame, or reciprocal space in Å⁻¹).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>Vector sum.</summary>
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Vector difference.</summary>
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Scaling by a number.</summary>
    public static Vec3 operator *(double k, Vec3 a) => new(k * a.X, k * a.Y, k * a.Z);

    /// <summary>Dot product.</summary>
    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;

    /// <summary>Cross product.</summary>
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(Dot(this));

    /// <summary>The unit vector along this one.</summary>
    public Vec3 Normalized() => (1.0 / Length) * this;
}
