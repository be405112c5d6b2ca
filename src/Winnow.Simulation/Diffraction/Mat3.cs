namespace Winnow.Simulation.Diffraction;

/// <summary>A 3×3 matrix in double precision, stored by rows; used for orientations and reciprocal bases.</summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity matrix.</summary>
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The matrix whose columns are the three vectors.</summary>
    public static Mat3 FromColumns(Vec3 a, Vec3 b, Vec3 c) => new(a.X, b.X, c.X, a.Y, b.Y, c.Y, a.Z, b.Z, c.Z);

    /// <summary>Column <paramref name="i"/> as a vector.</summary>
    public Vec3 Column(int i) => i switch
    {
        0 => new(M00, M10, M20),
        1 => new(M01, M11, M21),
        _ => new(M02, M12, M22),
    };

    /// <summary>Matrix–vector product.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.M00 * v.X + m.M01 * v.Y + m.M02 * v.Z,
        m.M10 * v.X + m.M11 * v.Y + m.M12 * v.Z,
        m.M20 * v.X + m.M21 * v.Y + m.M22 * v.Z);

    /// <summary>Matrix product.</summary>
    public static Mat3 operator *(Mat3 a, Mat3 b) => FromColumns(a * b.Column(0), a * b.Column(1), a * b.Column(2));

    /// <summary>The transpose (the inverse, for a rotation).</summary>
    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>The determinant.</summary>
    public double Determinant =>
        M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);

    /// <summary>The inverse by cofactors (the matrices here are small, well-conditioned bases).</summary>
    public Mat3 Inverse()
    {
        var c0 = Column(0);
        var c1 = Column(1);
        var c2 = Column(2);
        double det = Determinant;
        // Rows of the inverse are the cross products of pairs of columns over the determinant.
        var r0 = (1 / det) * c1.Cross(c2);
        var r1 = (1 / det) * c2.Cross(c0);
        var r2 = (1 / det) * c0.Cross(c1);
        return new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);
    }

    /// <summary>Rotation by <paramref name="angle"/> radians about the unit vector <paramref name="axis"/> (Rodrigues).</summary>
    public static Mat3 Rotation(Vec3 axis, double angle)
    {
        var u = axis.Normalized();
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        return new(
            t * u.X * u.X + c, t * u.X * u.Y - s * u.Z, t * u.X * u.Z + s * u.Y,
            t * u.X * u.Y + s * u.Z, t * u.Y * u.Y + c, t * u.Y * u.Z - s * u.X,
            t * u.X * u.Z - s * u.Y, t * u.Y * u.Z + s * u.X, t * u.Z * u.Z + c);
    }
}
