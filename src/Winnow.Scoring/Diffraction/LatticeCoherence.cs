using System.Runtime.CompilerServices;
using Winnow.Formats.Geometry;
using Winnow.Simulation.Diffraction;

namespace Winnow.Scoring.Diffraction;

/// <summary>What the spots of one shot say about its lattices: how many there are, what share of neighbouring-spot
/// vectors in reciprocal space recur elsewhere in the shot, and what share of spots have a twin close by
/// (<see cref="LatticeCoherence"/>).</summary>
/// <param name="Spots">Spots found.</param>
/// <param name="Coherence">Share of neighbour pairs whose reciprocal-space difference vector recurs (0–1); 0 with too few spots.</param>
/// <param name="CloseShare">Share of spots whose nearest neighbour is nearer than <see cref="LatticeCoherence.CloseFraction"/>
/// of the median nearest-neighbour distance: split spots, as a second lattice turned by 0.5°–2° gives.</param>
public readonly record struct SpotEvidence(int Spots, double Coherence, double CloseShare = 0);

/// <summary>
/// Lattice coherence, the idea behind autoindexing: every spot of one lattice is a reciprocal-lattice point, so the vector
/// between two neighbouring spots is a lattice vector, and the same short lattice vectors recur all over the shot. With two
/// or three misoriented lattices, pairs that join spots of different lattices give vectors that recur nowhere. The
/// coherence is the share of neighbour pairs (each spot and its <see cref="Neighbours"/> nearest) whose difference vector
/// is matched, within <see cref="ToleranceFraction"/> of the typical neighbour distance, by at least
/// <see cref="MinSupport"/> other pairs. On simulated shots with ≥ 200 spots it separates single lattices from lattices
/// misoriented by ≥ 2° (AUC 0.96). Between 0.5° and 2° the second lattice's spots sit beside the first one's instead:
/// the share of spots with a close twin (AUC 0.81 for that band, 200 shots); below 0.5° they merge and nothing can tell.
/// </summary>
public static class LatticeCoherence
{
    /// <summary>Nearest neighbours per spot.</summary>
    public const int Neighbours = 6;

    /// <summary>Match tolerance as a fraction of the median nearest-neighbour distance. On simulated shots a tighter one
    /// scores better (5-fold cross-validation of the lattice stage on 1,133 crystal shots of the calibration seed 2000:
    /// single vs multi 78.0 % at 0.05, 76.5 % at 0.1, 71.3 % at 0.2), but the simulator's geometry is exact and real spots
    /// are not: at 0.05 the real single-crystal thaumatin still thau_3_2_0001 falls from coherence 0.78 to 0.59, into the
    /// multi-lattice range. 0.1 keeps every real crystal shot at 0.78–0.89.</summary>
    public const double ToleranceFraction = 0.1;

    /// <summary>Other pairs that must share a difference vector.</summary>
    public const int MinSupport = 2;

    /// <summary>Fewer spots than this say nothing about lattices (coherence 0).</summary>
    public const int MinSpots = 12;

    /// <summary>A nearest neighbour nearer than this fraction of the median nearest-neighbour distance makes a close twin.</summary>
    public const double CloseFraction = 0.3;

    /// <summary>The strongest spots kept; the neighbour search is quadratic and more spots add nothing to a share.</summary>
    public const int MaxSpots = 3000;

    /// <summary>Finds the spots of panel 0 (counts above the trusted range masked) and measures their coherence, unless
    /// <paramref name="withCoherence"/> is false (a rotation image, where only the spot count means something).</summary>
    public static SpotEvidence Measure(Formats.Diffraction.DetectorImage image, bool withCoherence = true) =>
        Measure(image.Pixels, image.ImageSize.Fast, image.ImageSize.Slow, image.Geometry, Preprocess.TrustedCeiling(image), withCoherence);

    /// <summary>Finds spots and measures their coherence (0 when <paramref name="withCoherence"/> is false).</summary>
    public static SpotEvidence Measure(ReadOnlySpan<int> pixels, int width, int height, FlatDetector geometry, int maxTrusted = int.MaxValue, bool withCoherence = true)
    {
        var spots = SpotFinder.Find(pixels, width, height, maxTrusted);
        if (!withCoherence) return new SpotEvidence(spots.Count, 0);
        var (coherence, close) = Analyse(ToReciprocal(spots, geometry));
        return new SpotEvidence(spots.Count, coherence, close);
    }

    /// <summary>Spot centroids → reciprocal-space vectors s₁ − s₀ (Å⁻¹) on a flat detector normal to the beam; the strongest
    /// <see cref="MaxSpots"/> only.</summary>
    public static Vec3[] ToReciprocal(IReadOnlyList<Spot> spots, FlatDetector geometry)
    {
        var (pf, ps) = geometry.PixelSizeMm;
        var (bf, bs) = geometry.BeamCentrePx;
        double k = 1 / geometry.WavelengthA;
        return spots.OrderByDescending(s => s.Counts).Take(MaxSpots).Select(s =>
        {
            double x = (s.Fast - bf) * pf, y = (s.Slow - bs) * ps, z = geometry.DistanceMm;
            double scale = k / Math.Sqrt(x * x + y * y + z * z);
            return new Vec3(x * scale, y * scale, z * scale - k);
        }).ToArray();
    }

    /// <summary>The coherence of reciprocal-space spot vectors.</summary>
    public static double Of(IReadOnlyList<Vec3> points) => Analyse(points).Coherence;

    /// <summary>Coherence and close-twin share of reciprocal-space spot vectors (both 0 with fewer than <see cref="MinSpots"/>).</summary>
    // Compiled fully optimised at first call, not tiered (see SpotFinder.StrongPixels).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Coherence, double CloseShare) Analyse(IReadOnlyList<Vec3> points)
    {
        int n = points.Count;
        if (n < MinSpots) return (0, 0);
        var pairs = NeighbourPairs(points, out double[] nearest);
        double medianNearest = nearest.Order().ElementAt(n / 2);
        double closeShare = nearest.Count(d => d < CloseFraction * medianNearest) / (double)n;
        double tolerance = ToleranceFraction * medianNearest;
        if (tolerance <= 0) return (0, closeShare);
        // Every pair's vector and its opposite go into a grid of cells one tolerance wide; a match lies in the 27 cells around.
        var vectors = new Vec3[pairs.Count * 2];
        for (int i = 0; i < pairs.Count; i++)
        {
            var d = points[pairs[i].J] - points[pairs[i].I];
            vectors[2 * i] = d;
            vectors[2 * i + 1] = -1.0 * d;
        }
        var grid = new Dictionary<long, List<int>>();
        for (int i = 0; i < vectors.Length; i++)
        {
            var key = Key(Cell(vectors[i], tolerance));
            if (!grid.TryGetValue(key, out var list)) grid[key] = list = new List<int>();
            list.Add(i);
        }
        int supported = 0;
        double t2 = tolerance * tolerance;
        for (int i = 0; i < pairs.Count; i++)
        {
            var d = vectors[2 * i];
            var (cx, cy, cz) = Cell(d, tolerance);
            int matches = 0;
            for (long dx = -1; dx <= 1; dx++)
                for (long dy = -1; dy <= 1; dy++)
                    for (long dz = -1; dz <= 1; dz++)
                    {
                        if (!grid.TryGetValue(Key((cx + dx, cy + dy, cz + dz)), out var list)) continue;
                        // Pair i itself (as d; its opposite is 2·|d| away) is not its own support.
                        foreach (int j in list)
                            if (j / 2 != i && Sq(vectors[j] - d) <= t2) matches++;
                    }
            if (matches >= MinSupport) supported++;
        }
        return ((double)supported / pairs.Count, closeShare);
    }

    /// <summary>Unordered pairs of each point with its nearest neighbours, and each point's nearest-neighbour distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<(int I, int J)> NeighbourPairs(IReadOnlyList<Vec3> points, out double[] nearest)
    {
        int n = points.Count, k = Math.Min(Neighbours, n - 1);
        var pairs = new HashSet<(int, int)>();
        nearest = new double[n];
        var best = new double[k];
        var bestIndex = new int[k];
        // The n² distances read plain arrays: through IReadOnlyList each point was an interface call (a third of a shot's
        // time on 1,400 spots). Same arithmetic as Vec3.Dot, so the same neighbours.
        double[] xs = new double[n], ys = new double[n], zs = new double[n];
        for (int i = 0; i < n; i++) (xs[i], ys[i], zs[i]) = (points[i].X, points[i].Y, points[i].Z);
        for (int i = 0; i < n; i++)
        {
            // The k nearest by insertion into a sorted array of k: one pass over the points, no sort of all n.
            Array.Fill(best, double.PositiveInfinity);
            double xi = xs[i], yi = ys[i], zi = zs[i];
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = xs[j] - xi, dy = ys[j] - yi, dz = zs[j] - zi;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 >= best[k - 1]) continue;
                int m = k - 1;
                for (; m > 0 && best[m - 1] > d2; m--) { best[m] = best[m - 1]; bestIndex[m] = bestIndex[m - 1]; }
                best[m] = d2;
                bestIndex[m] = j;
            }
            nearest[i] = Math.Sqrt(best[0]);
            for (int m = 0; m < k; m++) pairs.Add((Math.Min(i, bestIndex[m]), Math.Max(i, bestIndex[m])));
        }
        return pairs.Order().ToList();
    }

    private static double Sq(Vec3 v) => v.Dot(v);

    /// <summary>One 64-bit key per cell (21 bits a coordinate): a difference vector is at most a few hundred cells from 0.</summary>
    private static long Key((long X, long Y, long Z) c) => ((c.X & 0x1FFFFF) << 42) | ((c.Y & 0x1FFFFF) << 21) | (c.Z & 0x1FFFFF);

    private static (long, long, long) Cell(Vec3 v, double size) =>
        ((long)Math.Floor(v.X / size), (long)Math.Floor(v.Y / size), (long)Math.Floor(v.Z / size));
}
