namespace Winnow.Simulation.Preview;

/// <summary>
/// Small PNG previews of detector images: block-downsampled by the maximum (so that one-pixel spots survive),
/// square-root scaled (Poisson noise becomes uniform), dark spots on white as image viewers show diffraction.
/// </summary>
public static class PngPreview
{
    /// <summary>Writes a preview of a detector image of counts (negative values are gaps or bad pixels, shown grey).</summary>
    public static void Write(string path, ReadOnlySpan<int> pixels, int width, int height, int factor = 4, double? saturation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        int w = (width + factor - 1) / factor, h = (height + factor - 1) / factor;
        var block = new double[w * h];
        var masked = new bool[w * h];
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = -1;
            masked[i] = true;
        }
        for (int y = 0; y < height; y++)
        {
            int row = (y / factor) * w;
            for (int x = 0; x < width; x++)
            {
                int v = pixels[y * width + x];
                if (v < 0)
                    continue;
                int j = row + x / factor;
                masked[j] = false;
                if (v > block[j])
                    block[j] = v;
            }
        }
        // Saturate at a high percentile of the block maxima unless told, so a few bright spots do not wash out the rest.
        double top = saturation ?? Percentile(block, masked, 0.995);
        double scale = 255 / Math.Sqrt(Math.Max(top, 1));
        var grey = new byte[w * h];
        for (int i = 0; i < grey.Length; i++)
            grey[i] = masked[i] ? (byte)160 : (byte)(255 - Math.Min(255, Math.Sqrt(block[i]) * scale));
        PngEncoder.WriteGrey8(path, grey, w, h);
    }

    private static double Percentile(double[] values, bool[] masked, double q)
    {
        var kept = values.Where((v, i) => !masked[i]).ToArray();
        if (kept.Length == 0)
            return 1;
        Array.Sort(kept);
        return kept[(int)Math.Min(kept.Length - 1, q * kept.Length)];
    }
}
