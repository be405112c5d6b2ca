namespace Winnow.Formats.Raster;

/// <summary>
/// A decoded picture: size, Pillow-style mode ("L", "RGB", "RGBA", "I;16"), and pixels as interleaved
/// channels in row-major order (0–255, or 0–65535 for 16-bit images).
/// </summary>
public sealed record RasterImage(int Width, int Height, int Channels, int BitDepth, int[] Pixels)
{
    /// <summary>Pillow's name for the pixel layout.</summary>
    public string Mode => (Channels, BitDepth) switch
    {
        (1, 16) => "I;16",
        (1, _) => "L",
        (3, _) => "RGB",
        (4, _) => "RGBA",
        _ => $"{Channels}x{BitDepth}",
    };

    /// <summary>
    /// Grey levels as Pillow's convert("L") computes them (ITU-R 601-2 luma in 16-bit fixed point:
    /// L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16), so statistics compare with Pillow's.
    /// </summary>
    public int[] Grey()
    {
        if (Channels == 1) return Pixels;
        var grey = new int[Width * Height];
        for (int i = 0, p = 0; i < grey.Length; i++, p += Channels)
            grey[i] = (19595 * Pixels[p] + 38470 * Pixels[p + 1] + 7471 * Pixels[p + 2] + 0x8000) >> 16;
        return grey;
    }
}
