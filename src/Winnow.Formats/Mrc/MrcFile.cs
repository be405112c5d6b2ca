using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Winnow.Formats.IO;

namespace Winnow.Formats.Mrc;

/// <summary>An open MRC / MRCS file: the header, and any section (image of a stack) read on demand by seeking to it.</summary>
public sealed class MrcFile : IDisposable
{
    private readonly Stream _stream;

    private MrcFile(string path, Stream stream, MrcHeader header)
    {
        Path = path;
        _stream = stream;
        Header = header;
    }

    /// <summary>The file this was opened from.</summary>
    public string Path { get; }

    /// <summary>The decoded main header.</summary>
    public MrcHeader Header { get; }

    /// <summary>Number of sections (images of a stack, or z-slices of a volume).</summary>
    public int SectionCount => Header.Nz;

    /// <summary>Floats one decoded section takes (nx·ny, twice that for complex data).</summary>
    public int SectionFloats => checked(Header.Nx * Header.Ny * MrcModes.FloatsPerVoxel(Header.Mode));

    /// <summary>Opens an MRC file (plain, .gz or .bz2, recognised by content) and checks its header against its size.</summary>
    public static MrcFile Open(string path) => Open(Compression.OpenRead(path), path);

    /// <summary>Opens MRC data from a seekable stream (owned and disposed by the result); <paramref name="path"/> names it in errors.</summary>
    public static MrcFile Open(Stream stream, string path)
    {
        try
        {
            var head = new byte[MrcHeader.Size];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var header = MrcHeader.Parse(head.AsSpan(0, n), path, stream.Length);
            return new MrcFile(path, stream, header);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The extended header bytes (nsymbt of them), uninterpreted.</summary>
    public byte[] ReadExtendedHeader()
    {
        var bytes = new byte[Header.Nsymbt];
        _stream.Position = MrcHeader.Size;
        _stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Decodes section <paramref name="index"/> into <paramref name="destination"/> as floats, reading only that section.</summary>
    public void ReadSection(int index, Span<float> destination)
    {
        if ((uint)index >= (uint)Header.Nz)
            throw new ArgumentOutOfRangeException(nameof(index), $"section {index} of {Header.Nz}");
        if (destination.Length < SectionFloats)
            throw new ArgumentException($"destination holds {destination.Length} floats; a section needs {SectionFloats}", nameof(destination));
        long bytes = Header.SectionBytes;
        if (bytes > Array.MaxLength) throw new WinnowFormatException(Path, $"section of {bytes} bytes is too large to decode at once");
        var raw = ArrayPool<byte>.Shared.Rent((int)bytes);
        try
        {
            _stream.Position = Header.DataOffset + bytes * index;
            try { _stream.ReadExactly(raw, 0, (int)bytes); }
            catch (EndOfStreamException e) { throw new WinnowFormatException(Path, $"ends inside section {index}", e); }
            MrcDecoder.Decode(Header, raw.AsSpan(0, (int)bytes), destination[..SectionFloats]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Section <paramref name="index"/> as a new float array (nx·ny values, row-major, x fastest).</summary>
    public float[] ReadSection(int index)
    {
        var values = GC.AllocateUninitializedArray<float>(SectionFloats);
        ReadSection(index, values);
        return values;
    }

    /// <summary>All data in file order (section, row, column), as floats.</summary>
    public float[] ReadAll()
    {
        long total = (long)SectionFloats * Header.Nz;
        if (total > Array.MaxLength) throw new WinnowFormatException(Path, $"holds {total} values, too many for one array; read it section by section");
        var values = GC.AllocateUninitializedArray<float>((int)total);
        for (int z = 0; z < Header.Nz; z++)
            ReadSection(z, values.AsSpan(z * SectionFloats, SectionFloats));
        return values;
    }

    /// <summary>
    /// All data with the axes put in X, Y, Z order whatever mapc/mapr/maps say (file columns, rows and sections
    /// map to those axes): the array is Z-slowest, X-fastest, with <c>Shape</c> = (nz, ny, nx) along Z, Y, X.
    /// </summary>
    public (float[] Data, int[] Shape) ReadAllXyz()
    {
        var data = ReadAll();
        var (mapc, mapr, maps) = Header.AxisOrder;
        if ((mapc, mapr, maps) is (1, 2, 3) or (0, 0, 0) || MrcModes.FloatsPerVoxel(Header.Mode) != 1)
            return (data, [Header.Nz, Header.Ny, Header.Nx]);
        // size[axis] and stride[axis] in the file for axis 0 = X, 1 = Y, 2 = Z.
        int nc = Header.Nx, nr = Header.Ny, ns = Header.Nz;
        var size = new int[3];
        var fileStride = new long[3];
        (size[mapc - 1], fileStride[mapc - 1]) = (nc, 1);
        (size[mapr - 1], fileStride[mapr - 1]) = (nr, nc);
        (size[maps - 1], fileStride[maps - 1]) = (ns, (long)nc * nr);
        var result = GC.AllocateUninitializedArray<float>(data.Length);
        long o = 0;
        for (int z = 0; z < size[2]; z++)
            for (int y = 0; y < size[1]; y++)
            {
                long rowStart = z * fileStride[2] + y * fileStride[1];
                for (int x = 0; x < size[0]; x++)
                    result[o++] = data[rowStart + x * fileStride[0]];
            }
        return (result, [size[2], size[1], size[0]]);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

/// <summary>Turns the raw bytes of one section into floats, for every mode and both byte orders.</summary>
internal static class MrcDecoder
{
    public static void Decode(MrcHeader header, ReadOnlySpan<byte> raw, Span<float> dst)
    {
        bool swap = header.LittleEndian != BitConverter.IsLittleEndian;
        switch (header.Mode)
        {
            case MrcMode.Int8:
                var s8 = MemoryMarshal.Cast<byte, sbyte>(raw);
                for (int i = 0; i < dst.Length; i++) dst[i] = s8[i];
                break;
            case MrcMode.Int16:
                var s16 = MemoryMarshal.Cast<byte, short>(raw);
                if (swap) for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReverseEndianness(s16[i]);
                else for (int i = 0; i < dst.Length; i++) dst[i] = s16[i];
                break;
            case MrcMode.UInt16:
                var u16 = MemoryMarshal.Cast<byte, ushort>(raw);
                if (swap) for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReverseEndianness(u16[i]);
                else for (int i = 0; i < dst.Length; i++) dst[i] = u16[i];
                break;
            case MrcMode.Float16:
                var h16 = MemoryMarshal.Cast<byte, ushort>(raw);
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = (float)BitConverter.UInt16BitsToHalf(swap ? BinaryPrimitives.ReverseEndianness(h16[i]) : h16[i]);
                break;
            case MrcMode.Float32:
            case MrcMode.Complex64:
                MemoryMarshal.Cast<byte, float>(raw)[..dst.Length].CopyTo(dst);
                if (swap)
                {
                    var bits = MemoryMarshal.Cast<float, int>(dst);
                    BinaryPrimitives.ReverseEndianness(bits, bits);
                }
                break;
            case MrcMode.UInt4:
                // IMOD packs two 4-bit pixels a byte, low nibble first, and starts every row on a new byte.
                int nx = header.Nx, rowBytes = (nx + 1) / 2;
                for (int y = 0; y < header.Ny; y++)
                {
                    var row = raw.Slice(y * rowBytes, rowBytes);
                    var outRow = dst.Slice(y * nx, nx);
                    for (int x = 0; x < nx; x++)
                        outRow[x] = (x & 1) == 0 ? row[x >> 1] & 0x0F : row[x >> 1] >> 4;
                }
                break;
            default:
                throw new InvalidOperationException($"mode {header.Mode} was accepted by the header but has no decoder");
        }
    }
}
