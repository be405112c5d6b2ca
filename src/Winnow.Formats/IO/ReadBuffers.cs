namespace Winnow.Formats.IO;

/// <summary>
/// Scratch arrays that one reading thread reuses from image to image: the file's bytes and its decoded pixels. A fresh
/// array of tens of megabytes per shot costs a page fault per 4 KiB on first touch — on this project's virtual machines
/// 5–10 ms per 6-megapixel CBF, as much as decoding it — while a reused one is already mapped. What a read returns lives
/// in these arrays until the next read with the same buffers, so each thread needs its own.
/// </summary>
public sealed class ReadBuffers
{
    private byte[] file = [];
    private int[] pixels = [];

    /// <summary>
    /// The decompressed bytes of <paramref name="path"/>: a plain file is read into the reused array; a .gz/.bz2 one is
    /// inflated into a new array as <see cref="Compression.ReadAllBytes"/> does. Files over <paramref name="maxBytes"/> are refused.
    /// </summary>
    public ReadOnlyMemory<byte> ReadFile(string path, long maxBytes = int.MaxValue - 64)
    {
        if (Compression.Detect(path) != CompressionKind.None) return Compression.ReadAllBytes(path, maxBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        long length = stream.Length;
        if (length > maxBytes) throw new WinnowFormatException(path, $"is {length} bytes, more than the {maxBytes} this reader accepts");
        if (file.Length < length) file = GC.AllocateUninitializedArray<byte>((int)length);
        stream.ReadExactly(file, 0, (int)length);
        return file.AsMemory(0, (int)length);
    }

    /// <summary>An array of exactly <paramref name="count"/> pixels (contents undefined): the previous one when a
    /// series keeps its detector size, else a new one.</summary>
    public int[] Pixels(int count)
    {
        if (pixels.Length != count) pixels = GC.AllocateUninitializedArray<int>(count);
        return pixels;
    }
}
