using Winnow.Scoring.Common;
using Winnow.Simulation.Drops;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Drops;

/// <summary>
/// Training sets for a model that also reads tiles (<see cref="TileReading"/>): every simulated photograph gives its
/// whole well (as the scorer sees it: the magnified decode averaged down) and up to two tiles of the magnified well,
/// one holding a crystal (labelled Crystals) and one holding none (labelled with what the rest of the drop is, by
/// MARCO's priority). A crystal counts as in a tile when half its box, or a square of a sixteenth of the tile's side,
/// lies inside; the simulator says where every crystal is. One network then learns both scales and ships as one file.
/// </summary>
public static class DropTileSimulation
{
    /// <summary>Simulates photographs [start, start + n) of a seed into a set of wholes and tiles at the network's side <paramref name="size"/>.</summary>
    public static DropImageSet Simulate(long seed, int n, int size, TileReading reading, int threads = 1, int start = 0, DropMixtures? mixtures = null, Action<int>? progress = null)
    {
        var simulator = new DropSimulator(seed, mixtures: mixtures);
        var perPhotograph = new List<(byte[] Pixels, int Label, string Source)>[n];
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var drop = simulator.Render(start + i);
            perPhotograph[i] = Examples(drop, seed, size, reading);
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        var all = perPhotograph.SelectMany(p => p).ToList();
        return new DropImageSet(size, InputCrop.Well, all.Select(e => e.Pixels).ToArray(), all.Select(e => e.Label).ToArray(), all.Select(e => e.Source).ToArray());
    }

    /// <summary><see cref="Simulate"/>, or a cached copy written by an earlier call with the same arguments.</summary>
    public static DropImageSet SimulateCached(string cacheDir, long seed, int n, int size, TileReading reading, int threads = 1, int start = 0, DropMixtures? mixtures = null, Action<int>? progress = null)
    {
        var mix = mixtures is null || mixtures.IsNatural ? "" : $"-mix{mixtures.ToString().Replace(',', '-')}";
        var path = Path.Combine(cacheDir, $"drops-tiles{reading.Grid}x{reading.Magnification}-seed{seed}-from{start}{mix}-n{n}-s{size}-well.bin");
        if (File.Exists(path)) return DropImageSet.Load(path, InputCrop.Well);
        var set = Simulate(seed, n, size, reading, threads, start, mixtures, progress);
        Directory.CreateDirectory(cacheDir);
        set.Save(path);
        return set;
    }

    /// <summary>The whole well and the chosen tiles of one photograph, CHW uint8 at <paramref name="size"/>.</summary>
    internal static List<(byte[] Pixels, int Label, string Source)> Examples(SimulatedDrop drop, long seed, int size, TileReading reading)
    {
        var decoded = reading.DecodedSide(size);
        byte[] big, whole;
        PixelBox box;
        using (var scope = torch.NewScope())
        {
            var frame = Cv.Decode(drop.Jpeg, ImageReadMode.Color);
            box = RasterFraming.LocateWell(frame) ?? new PixelBox(0, 0, (int)frame.Shape[1], (int)frame.Shape[0]);
            var framed = frame.Slice(0, box.Y, box.Y + box.Height).Slice(1, box.X, box.X + box.Width);
            var magnified = Cv.Resize(framed, decoded, decoded);
            big = magnified.Permute(2, 0, 1).Contiguous().ToArray<byte>();
            whole = Cv.Resize(magnified, size, size).Permute(2, 0, 1).Contiguous().ToArray<byte>();
        }
        var source = $"sim:{seed}:{drop.Label.Index}";
        var examples = new List<(byte[], int, string)> { (whole, (int)drop.Label.Class, source) };
        var origins = reading.Origins(size);
        var withCrystal = new List<int>();
        var without = new List<int>();
        for (var t = 0; t < origins.Count; t++)
            (HoldsCrystal(drop.Label.Crystals, box, decoded, origins[t], size) ? withCrystal : without).Add(t);
        // Which tiles are taught follows from the photograph alone, so a set is the same in any order and on any machine.
        var rng = new Random((int)(drop.Label.Index * 7919 % int.MaxValue));
        if (withCrystal.Count > 0)
            examples.Add((Cut(big, decoded, origins[withCrystal[rng.Next(withCrystal.Count)]], size), (int)DropClass.Crystals, source + ":tile"));
        if (without.Count > 0)
            examples.Add((Cut(big, decoded, origins[without[rng.Next(without.Count)]], size), (int)drop.Label.ClassWithoutCrystals, source + ":tile"));
        return examples;
    }

    /// <summary>True when a crystal lies in the tile: half its box, or a square of a sixteenth of the tile's side, inside.</summary>
    public static bool HoldsCrystal(IReadOnlyList<CrystalMark> crystals, PixelBox well, int decoded, (int X, int Y) origin, int size)
    {
        double sx = (double)decoded / well.Width, sy = (double)decoded / well.Height, enough = size / 16.0;
        foreach (var m in crystals)
        {
            double left = (m.Left - well.X) * sx, right = (m.Right - well.X) * sx, top = (m.Top - well.Y) * sy, bottom = (m.Bottom - well.Y) * sy;
            var area = Math.Max(1, (right - left) * (bottom - top));
            var inside = Math.Max(0, Math.Min(right, origin.X + size) - Math.Max(left, origin.X)) * Math.Max(0, Math.Min(bottom, origin.Y + size) - Math.Max(top, origin.Y));
            if (inside >= 0.5 * area || inside >= enough * enough) return true;
        }
        return false;
    }

    private static byte[] Cut(byte[] chw, int side, (int X, int Y) origin, int size)
    {
        var tile = new byte[3 * size * size];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < size; y++)
                Array.Copy(chw, (c * side + origin.Y + y) * side + origin.X, tile, (c * size + y) * size, size);
        return tile;
    }
}
