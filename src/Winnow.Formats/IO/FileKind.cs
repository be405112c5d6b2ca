using Winnow.Formats.Cbf;
using Winnow.Formats.Smv;

namespace Winnow.Formats.IO;

/// <summary>The kinds of file Winnow reads.</summary>
public enum FileKind
{
    /// <summary>Not recognised.</summary>
    Unknown,
    /// <summary>MRC / MRCS map or stack.</summary>
    Mrc,
    /// <summary>STAR text (RELION).</summary>
    Star,
    /// <summary>CBF / miniCBF detector image.</summary>
    Cbf,
    /// <summary>SMV / ADSC detector image.</summary>
    Smv,
    /// <summary>PNG, JPEG, TIFF or BMP picture (read through the native bridge).</summary>
    Raster,
}

/// <summary>Tells a file's kind from its (decompressed) first bytes, using the extension only where the content is silent.</summary>
public static class FileKinds
{
    /// <summary>The kind of the file whose decompressed content starts with <paramref name="head"/>.</summary>
    public static FileKind Detect(ReadOnlySpan<byte> head, string path, long length = -1)
    {
        if (CbfReader.IsCbf(head)) return FileKind.Cbf;
        if (SmvReader.IsSmv(head)) return FileKind.Smv;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("BM"u8)) return FileKind.Raster;
        if (head.Length >= 212 && head[208] == 'M' && head[209] == 'A' && head[210] == 'P') return FileKind.Mrc;
        if (LooksLikeStar(head)) return FileKind.Star;
        if (length > 0 && SizeMatchesMrcHeader(head, length)) return FileKind.Mrc;
        // Old MRC files lack the MAP label; their extension is all that is left to go on.
        string name = StripCompressionExtension(path).ToLowerInvariant();
        if (name.EndsWith(".mrc") || name.EndsWith(".mrcs") || name.EndsWith(".map") || name.EndsWith(".st") || name.EndsWith(".ali")) return FileKind.Mrc;
        if (name.EndsWith(".star")) return FileKind.Star;
        if (name.EndsWith(".cbf")) return FileKind.Cbf;
        if (name.EndsWith(".img")) return FileKind.Smv;
        return FileKind.Unknown;
    }

    /// <summary>
    /// Old and some converter-written MRC files have no MAP label; a header whose dimensions, mode and extended header
    /// add up to exactly the file's size is as good a signature.
    /// </summary>
    private static bool SizeMatchesMrcHeader(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 1024) return false;
        foreach (bool little in new[] { true, false })
        {
            int I(ReadOnlySpan<byte> h, int o) => little ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(h[o..]) : System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(h[o..]);
            int nx = I(head, 0), ny = I(head, 4), nz = I(head, 8), mode = I(head, 12), nsymbt = I(head, 92);
            if (nx <= 0 || ny <= 0 || nz <= 0 || nsymbt < 0 || !Mrc.MrcModes.IsKnown(mode)) continue;
            if (1024L + nsymbt + Mrc.MrcModes.SectionBytes((Mrc.MrcMode)mode, nx, ny) * nz == length) return true;
        }
        return false;
    }

    private static bool LooksLikeStar(ReadOnlySpan<byte> head)
    {
        // Text whose first non-comment word is data_.
        int i = 0;
        while (i < head.Length)
        {
            byte c = head[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') { i++; continue; }
            if (c == '#') { while (i < head.Length && head[i] != '\n') i++; continue; }
            return head[i..].StartsWith("data_"u8);
        }
        return false;
    }

    private static string StripCompressionExtension(string path)
    {
        foreach (var ext in new[] { ".gz", ".bz2" })
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return path[..^ext.Length];
        return path;
    }
}
