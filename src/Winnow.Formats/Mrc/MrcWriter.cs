using System.Buffers.Binary;
using System.Text;

namespace Winnow.Formats.Mrc;

/// <summary>What to write: dimensions, mode, voxel size and whether the sections are a stack of images.</summary>
/// <param name="Nx">Columns.</param>
/// <param name="Ny">Rows.</param>
/// <param name="Nz">Sections (images in a stack).</param>
/// <param name="Mode">Data mode to store; 101 (4-bit) cannot be written.</param>
/// <param name="VoxelSize">Voxel size in Å (cella = voxel × sampling).</param>
/// <param name="IsImageStack">True for an .mrcs stack of 2-D images (ispg 0, mz = nz as RELION writes); false for a volume (ispg 1).</param>
public sealed record MrcWriteSpec(int Nx, int Ny, int Nz, MrcMode Mode, float VoxelSize = 1f, bool IsImageStack = false)
{
    /// <summary>Up to ten labels of at most 80 characters.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["Written by Winnow"];
}

/// <summary>Writes little-endian MRC2014 files that mrcfile reads back without warnings.</summary>
public static class MrcWriter
{
    /// <summary>Writes <paramref name="values"/> (file order; re/im pairs for complex) to <paramref name="path"/>.</summary>
    public static void Write(string path, MrcWriteSpec spec, ReadOnlySpan<float> values)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(fs, spec, values);
    }

    /// <summary>Writes the header and data to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, MrcWriteSpec spec, ReadOnlySpan<float> values)
    {
        if (spec.Nx <= 0 || spec.Ny <= 0 || spec.Nz <= 0) throw new ArgumentException("MRC dimensions must be positive", nameof(spec));
        if (spec.Mode == MrcMode.UInt4 || !MrcModes.IsKnown((int)spec.Mode)) throw new ArgumentException($"mode {spec.Mode} cannot be written", nameof(spec));
        long expected = (long)spec.Nx * spec.Ny * spec.Nz * MrcModes.FloatsPerVoxel(spec.Mode);
        if (values.Length != expected) throw new ArgumentException($"{values.Length} values given; {expected} needed", nameof(values));

        stream.Write(BuildHeader(spec, values));
        var buffer = new byte[1 << 16];
        int per = spec.Mode switch { MrcMode.Int8 => 1, MrcMode.Int16 or MrcMode.UInt16 or MrcMode.Float16 => 2, _ => 4 };
        int chunk = buffer.Length / per;
        for (int start = 0; start < values.Length; start += chunk)
        {
            var part = values.Slice(start, Math.Min(chunk, values.Length - start));
            Encode(spec.Mode, part, buffer);
            stream.Write(buffer, 0, part.Length * per);
        }
    }

    private static byte[] BuildHeader(MrcWriteSpec spec, ReadOnlySpan<float> values)
    {
        var h = new byte[MrcHeader.Size];
        void I(int o, int v) => BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(o), v);
        void F(int o, float v) => BinaryPrimitives.WriteSingleLittleEndian(h.AsSpan(o), v);
        I(0, spec.Nx); I(4, spec.Ny); I(8, spec.Nz); I(12, (int)spec.Mode);
        I(28, spec.Nx); I(32, spec.Ny); I(36, spec.Nz);
        F(40, spec.VoxelSize * spec.Nx); F(44, spec.VoxelSize * spec.Ny); F(48, spec.VoxelSize * spec.Nz);
        F(52, 90); F(56, 90); F(60, 90);
        I(64, 1); I(68, 2); I(72, 3);
        var (min, max, mean, rms) = Statistics(spec.Mode, values);
        F(76, min); F(80, max); F(84, mean);
        I(88, spec.IsImageStack ? 0 : 1);
        I(108, 20140);
        h[208] = (byte)'M'; h[209] = (byte)'A'; h[210] = (byte)'P'; h[211] = (byte)' ';
        h[212] = 0x44; h[213] = 0x44;
        F(216, rms);
        int nl = Math.Min(spec.Labels.Count, 10);
        I(220, nl);
        for (int i = 0; i < nl; i++)
        {
            var text = spec.Labels[i].Length > 80 ? spec.Labels[i][..80] : spec.Labels[i];
            Encoding.ASCII.GetBytes(text.PadRight(80), h.AsSpan(224 + 80 * i, 80));
        }
        return h;
    }

    /// <summary>Header statistics of the data as stored (after conversion to the mode), as mrcfile computes them.</summary>
    private static (float Min, float Max, float Mean, float Rms) Statistics(MrcMode mode, ReadOnlySpan<float> values)
    {
        if (mode == MrcMode.Complex64)
        {
            // mrcfile sets statistics of complex data from magnitudes' real-valued view; keep the MRC2014 "not computed" markers.
            return (0f, -1f, -2f, -1f);
        }
        double sum = 0, sumSq = 0, min = double.MaxValue, max = double.MinValue;
        foreach (var raw in values)
        {
            double v = Stored(mode, raw);
            sum += v; sumSq += v * v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double mean = sum / values.Length;
        double variance = Math.Max(0, sumSq / values.Length - mean * mean);
        return ((float)min, (float)max, (float)mean, (float)Math.Sqrt(variance));
    }

    private static double Stored(MrcMode mode, float v) => mode switch
    {
        MrcMode.Int8 => ToInt(v, sbyte.MinValue, sbyte.MaxValue),
        MrcMode.Int16 => ToInt(v, short.MinValue, short.MaxValue),
        MrcMode.UInt16 => ToInt(v, ushort.MinValue, ushort.MaxValue),
        MrcMode.Float16 => (double)(Half)v,
        _ => v,
    };

    private static int ToInt(float v, int lo, int hi)
    {
        double r = Math.Round(v, MidpointRounding.ToEven);
        if (!(r >= lo && r <= hi)) throw new ArgumentOutOfRangeException(nameof(v), $"value {v} does not fit the MRC mode's range [{lo}, {hi}]");
        return (int)r;
    }

    private static void Encode(MrcMode mode, ReadOnlySpan<float> src, Span<byte> dst)
    {
        switch (mode)
        {
            case MrcMode.Int8:
                for (int i = 0; i < src.Length; i++) dst[i] = (byte)(sbyte)ToInt(src[i], sbyte.MinValue, sbyte.MaxValue);
                break;
            case MrcMode.Int16:
                for (int i = 0; i < src.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(dst[(2 * i)..], (short)ToInt(src[i], short.MinValue, short.MaxValue));
                break;
            case MrcMode.UInt16:
                for (int i = 0; i < src.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(dst[(2 * i)..], (ushort)ToInt(src[i], ushort.MinValue, ushort.MaxValue));
                break;
            case MrcMode.Float16:
                for (int i = 0; i < src.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(dst[(2 * i)..], (Half)src[i]);
                break;
            default:
                for (int i = 0; i < src.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(dst[(4 * i)..], src[i]);
                break;
        }
    }
}
