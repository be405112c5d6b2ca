namespace Winnow.Simulation.Diffraction;

/// <summary>A unit cell: edges in Å, angles in degrees.</summary>
public readonly record struct UnitCell(double A, double B, double C, double Alpha, double Beta, double Gamma)
{
    /// <summary>
    /// Real-space basis as matrix columns in the standard crystal frame (a along x, b in the xy plane;
    /// Busing &amp; Levy, Acta Cryst. 22, 457 (1967)).
    /// </summary>
    public Mat3 RealBasis()
    {
        double ca = Math.Cos(Alpha * Math.PI / 180), cb = Math.Cos(Beta * Math.PI / 180);
        double cg = Math.Cos(Gamma * Math.PI / 180), sg = Math.Sin(Gamma * Math.PI / 180);
        var a = new Vec3(A, 0, 0);
        var b = new Vec3(B * cg, B * sg, 0);
        double cx = C * cb;
        double cy = C * (ca - cb * cg) / sg;
        double cz = Math.Sqrt(Math.Max(C * C - cx * cx - cy * cy, 0));
        return Mat3.FromColumns(a, b, new Vec3(cx, cy, cz));
    }

    /// <summary>Reciprocal basis B (columns a*, b*, c* in Å⁻¹): a reflection h sits at B·h, with |B·h| = 1/d.</summary>
    public Mat3 ReciprocalBasis() => RealBasis().Inverse().Transpose();

    /// <summary>Cell volume in Å³.</summary>
    public double Volume => RealBasis().Determinant;

    /// <summary>The cell as "a,b,c,α,β,γ" for labels.csv.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{A:0.0}/{B:0.0}/{C:0.0}/{Alpha:0.#}/{Beta:0.#}/{Gamma:0.#}");
}
