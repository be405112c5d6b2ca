using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;

namespace Winnow.Formats.IO;

/// <summary>How a file's bytes are wrapped on disk.</summary>
public enum CompressionKind
{
    /// <summary>Plain bytes.</summary>
    None,
    /// <summary>gzip (RFC 1952), magic 1f 8b.</summary>
    Gzip,
    /// <summary>bzip2, magic "BZh".</summary>
    Bzip2,
}

/// <summary>Recognises gzip and bzip2 by their magic bytes (not the extension) and undoes them.</summary>
public static class Compression
{
    /// <summary>Decompressed files larger than this are refused: every reader here needs its bytes in memory or seekable.</summary>
    public const long MaxDecompressedBytes = 8L << 30;

    /// <summary>The compression a file's first bytes announce.</summary>
    public static CompressionKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b) return CompressionKind.Gzip;
        if (head.Length >= 4 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h'
            && head[3] >= (byte)'1' && head[3] <= (byte)'9') return CompressionKind.Bzip2;
        return CompressionKind.None;
    }

    /// <summary>The compression of the file at <paramref name="path"/>, from its magic bytes.</summary>
    public static CompressionKind Detect(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        int n = fs.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        return Detect(head[..n]);
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a seekable stream of its decompressed bytes: the file itself when plain
    /// (so readers can seek to one image of a large stack), or an in-memory copy when compressed.
    /// </summary>
    public static Stream OpenRead(string path)
    {
        var kind = Detect(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        if (kind == CompressionKind.None) return file;
        using (file)
        {
            try
            {
                using Stream inner = kind == CompressionKind.Gzip
                    ? new GZipStream(file, CompressionMode.Decompress)
                    : new BZip2InputStream(file);
                var memory = new MemoryStream();
                var buffer = new byte[1 << 16];
                int n;
                while ((n = inner.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (memory.Length + n > MaxDecompressedBytes)
                        throw new WinnowFormatException(path, $"decompresses to more than {MaxDecompressedBytes >> 30} GiB");
                    memory.Write(buffer, 0, n);
                }
                memory.Position = 0;
                return memory;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ICSharpCode.SharpZipLib.SharpZipBaseException or ArgumentException or IndexOutOfRangeException)
            {
                throw new WinnowFormatException(path, $"corrupt {kind} compression ({e.Message})", e);
            }
        }
    }

    /// <summary>All decompressed bytes of <paramref name="path"/>, refusing files over <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes = int.MaxValue - 64)
    {
        using var s = OpenRead(path);
        if (s.Length > maxBytes) throw new WinnowFormatException(path, $"is {s.Length} bytes, more than the {maxBytes} this reader accepts");
        if (s is MemoryStream ms && ms.TryGetBuffer(out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length) return seg.Array;
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)s.Length));
        s.ReadExactly(bytes);
        return bytes;
    }
}
