namespace Winnow.Simulation.Diffraction;

/// <summary>
/// The parts of a space group a still image can show: lattice centring and screw axes (systematic absences,
/// International Tables A §2.2.13) and the point group (which reflections are symmetry-equivalent, hence share
/// one |F|, and which are centric, hence follow the centric Wilson law).
/// </summary>
public sealed class SpaceGroup
{
    private readonly int[][] _ops;      // integer matrices acting on (h, k, l), the Laue group without −1
    private readonly char _centring;
    private readonly (int Axis, int Period)[] _screws;

    private SpaceGroup(string name, char centring, (int, int)[] screws, params int[][] generators)
    {
        Name = name;
        _centring = centring;
        _screws = screws;
        _ops = Close(generators);
    }

    /// <summary>Hermann–Mauguin symbol.</summary>
    public string Name { get; }

    /// <summary>Number of rotations in the point group.</summary>
    public int Order => _ops.Length;

    // Generators act on Miller indices: h' = R h, with R written row by row.
    private static readonly int[] TwoFoldC = [-1, 0, 0, 0, -1, 0, 0, 0, 1];
    private static readonly int[] TwoFoldB = [-1, 0, 0, 0, 1, 0, 0, 0, -1];
    private static readonly int[] FourFoldC = [0, -1, 0, 1, 0, 0, 0, 0, 1];
    private static readonly int[] ThreeFoldHex = [-1, -1, 0, 1, 0, 0, 0, 0, 1];
    private static readonly int[] TwoFoldAB = [0, 1, 0, 1, 0, 0, 0, 0, -1];
    private static readonly int[] ThreeFoldCubic = [0, 0, 1, 1, 0, 0, 0, 1, 0];

    /// <summary>P1.</summary>
    public static SpaceGroup P1 { get; } = new("P1", 'P', []);
    /// <summary>P2₁ (b unique): 0k0 with k odd absent.</summary>
    public static SpaceGroup P21 { get; } = new("P21", 'P', [(1, 2)], TwoFoldB);
    /// <summary>C2 (b unique).</summary>
    public static SpaceGroup C2 { get; } = new("C2", 'C', [], TwoFoldB);
    /// <summary>P2₁2₁2₁: odd axial reflections absent on all three axes.</summary>
    public static SpaceGroup P212121 { get; } = new("P212121", 'P', [(0, 2), (1, 2), (2, 2)], TwoFoldC, TwoFoldB);
    /// <summary>I222.</summary>
    public static SpaceGroup I222 { get; } = new("I222", 'I', [], TwoFoldC, TwoFoldB);
    /// <summary>P4₁2₁2 (and its enantiomorph P4₃2₁2: the same absences): 00l l≠4n, h00 h odd absent.</summary>
    public static SpaceGroup P41212 { get; } = new("P41212", 'P', [(2, 4), (0, 2), (1, 2)], FourFoldC, TwoFoldAB);
    /// <summary>P4₃2₁2.</summary>
    public static SpaceGroup P43212 { get; } = new("P43212", 'P', [(2, 4), (0, 2), (1, 2)], FourFoldC, TwoFoldAB);
    /// <summary>P6₁22: 00l with l≠6n absent.</summary>
    public static SpaceGroup P6122 { get; } = new("P6122", 'P', [(2, 6)], ThreeFoldHex, TwoFoldC, TwoFoldAB);
    /// <summary>P6₃: 00l with l odd absent.</summary>
    public static SpaceGroup P63 { get; } = new("P63", 'P', [(2, 2)], ThreeFoldHex, TwoFoldC);
    /// <summary>P3₂21: 00l with l≠3n absent.</summary>
    public static SpaceGroup P3221 { get; } = new("P3221", 'P', [(2, 3)], ThreeFoldHex, TwoFoldAB);
    /// <summary>I2₁3: I-centring implies every other condition.</summary>
    public static SpaceGroup I213 { get; } = new("I213", 'I', [], TwoFoldC, TwoFoldB, ThreeFoldCubic);
    /// <summary>F432.</summary>
    public static SpaceGroup F432 { get; } = new("F432", 'F', [], FourFoldC, TwoFoldB, ThreeFoldCubic);

    /// <summary>Whether the space group extinguishes reflection (h, k, l) (centring and screw axes).</summary>
    public bool IsAbsent(int h, int k, int l)
    {
        bool centringOk = _centring switch
        {
            'I' => ((h + k + l) & 1) == 0,
            'C' => ((h + k) & 1) == 0,
            'F' => ((h + k) & 1) == 0 && ((k + l) & 1) == 0,
            _ => true,
        };
        if (!centringOk)
            return true;
        foreach (var (axis, period) in _screws)
        {
            // A screw axis along an axis extinguishes the axial row except every period-th reflection.
            int on = axis == 0 ? h : axis == 1 ? k : l;
            bool axial = axis == 0 ? k == 0 && l == 0 : axis == 1 ? h == 0 && l == 0 : h == 0 && k == 0;
            if (axial && on % period != 0)
                return true;
        }
        return false;
    }

    /// <summary>Whether (h, k, l) is centric: some rotation of the point group sends it to its Friedel mate −h.</summary>
    public bool IsCentric(int h, int k, int l)
    {
        foreach (var r in _ops)
        {
            if (r[0] * h + r[1] * k + r[2] * l == -h && r[3] * h + r[4] * k + r[5] * l == -k && r[6] * h + r[7] * k + r[8] * l == -l)
                return true;
        }
        return false;
    }

    /// <summary>
    /// One representative of the reflection's orbit under the Laue group (the point group plus Friedel's law,
    /// which holds away from absorption edges), so that equivalent reflections get one structure factor.
    /// </summary>
    public (int H, int K, int L) Representative(int h, int k, int l)
    {
        var best = (h, k, l);
        foreach (var r in _ops)
        {
            int a = r[0] * h + r[1] * k + r[2] * l, b = r[3] * h + r[4] * k + r[5] * l, c = r[6] * h + r[7] * k + r[8] * l;
            if (Greater((a, b, c), best))
                best = (a, b, c);
            if (Greater((-a, -b, -c), best))
                best = (-a, -b, -c);
        }
        return best;
    }

    private static bool Greater((int, int, int) x, (int, int, int) y) =>
        x.Item1 != y.Item1 ? x.Item1 > y.Item1 : x.Item2 != y.Item2 ? x.Item2 > y.Item2 : x.Item3 > y.Item3;

    private static int[][] Close(int[][] generators)
    {
        var ops = new List<int[]> { new[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 } };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var a in ops.ToArray())
            {
                foreach (var g in generators)
                {
                    var p = Multiply(a, g);
                    if (!ops.Any(o => o.AsSpan().SequenceEqual(p)))
                    {
                        ops.Add(p);
                        grew = true;
                    }
                }
            }
        }
        return [.. ops];
    }

    private static int[] Multiply(int[] a, int[] b)
    {
        var r = new int[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return r;
    }
}
