using Winnow.Formats.IO;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Formats.Raster;

/// <summary>Reads JPEG, PNG, TIFF (8/16-bit) and BMP pictures (also .gz/.bz2) through OpenCV in the engine's bridge.</summary>
public static class RasterReader
{
    // A drop photograph is a few MB; a file claiming more than this is not a picture Winnow should decode.
    private const long MaxEncodedBytes = 512L * 1024 * 1024;

    /// <summary>Decodes the file as stored (grey, RGB or RGBA; 8 or 16 bit); unreadable files give a <see cref="WinnowFormatException"/>.</summary>
    public static RasterImage Read(string path)
    {
        var bytes = ReadEncoded(path);
        Tensor hwc;
        try
        {
            hwc = Cv.Decode(bytes, ImageReadMode.Unchanged);
        }
        catch (TorchException e)
        {
            throw new WinnowFormatException(path, e.Message);
        }
        using (hwc)
        {
            var shape = hwc.Shape;
            var sixteenBit = hwc.Dtype == ScalarType.Int32;
            using var asInt = hwc.To(ScalarType.Int32); // 8-bit widened; 16-bit already int32
            return new RasterImage((int)shape[1], (int)shape[0], (int)shape[2], sixteenBit ? 16 : 8, asInt.ToArray<int>());
        }
    }

    /// <summary>The encoded bytes of a picture file (also .gz/.bz2), refusing one too large to be a picture or a cut-off
    /// JPEG with a <see cref="WinnowFormatException"/> naming the file: every reader of pictures goes through here.</summary>
    public static byte[] ReadEncoded(string path)
    {
        var bytes = Compression.ReadAllBytes(path, MaxEncodedBytes);
        if (IsTruncatedJpeg(bytes))
            throw new WinnowFormatException(path, "is a truncated JPEG (no end-of-image marker): the file was cut short while being written or copied");
        return bytes;
    }

    /// <summary>
    /// libjpeg decodes a cut-off JPEG without failing, filling the missing rows with grey; a JPEG whose last
    /// kilobyte holds no end-of-image marker (FF D9) is therefore refused here instead of being scored.
    /// </summary>
    public static bool IsTruncatedJpeg(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF) return false;
        var tail = bytes[Math.Max(0, bytes.Length - 1024)..];
        return tail.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0;
    }
}
