using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Common;

/// <summary>Where a text's anchor point lies along it.</summary>
public enum TextAlign
{
    /// <summary>The anchor is the text's left end.</summary>
    Left,
    /// <summary>The anchor is the text's middle.</summary>
    Centre,
    /// <summary>The anchor is the text's right end.</summary>
    Right,
}

/// <summary>
/// A white RGB canvas for the evaluation plots (ROC curves, predicted vs true resolution): pixels, lines, discs and text
/// (OpenCV's Hershey font, ASCII only), saved as PNG. Plots are read by people deciding whether to trust a model, so
/// they carry numbered axes and titles, not only marks.
/// </summary>
public sealed class PlotCanvas
{
    private readonly byte[] pixels;

    /// <summary>A white canvas of width × height pixels.</summary>
    public PlotCanvas(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"canvas {width}×{height} must have positive sides");
        Width = width;
        Height = height;
        pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
    }

    /// <summary>Black.</summary>
    public static readonly (byte R, byte G, byte B) Ink = (0, 0, 0);

    /// <summary>Canvas width in pixels.</summary>
    public int Width { get; }

    /// <summary>Canvas height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour at (x, y).</summary>
    public (byte R, byte G, byte B) Get(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    /// <summary>Colours one pixel; points off the canvas are ignored, so marks may run over its edge.</summary>
    public void Set(int x, int y, (byte R, byte G, byte B) colour)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int i = (y * Width + x) * 3;
        pixels[i] = colour.R; pixels[i + 1] = colour.G; pixels[i + 2] = colour.B;
    }

    /// <summary>A straight line, <paramref name="thickness"/> pixels wide; dashed lines draw 3 pixels of every 6.</summary>
    public void Line(int x0, int y0, int x1, int y1, (byte R, byte G, byte B) colour, int thickness = 1, bool dashed = false)
    {
        int steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        for (int s = 0; s <= steps; s++)
        {
            if (dashed && s % 6 >= 3) continue;
            int x = steps == 0 ? x0 : x0 + (x1 - x0) * s / steps, y = steps == 0 ? y0 : y0 + (y1 - y0) * s / steps;
            for (int t = 0; t < thickness; t++) { Set(x + t, y, colour); Set(x, y + t, colour); }
        }
    }

    /// <summary>A filled disc.</summary>
    public void Disc(int x, int y, int radius, (byte R, byte G, byte B) colour)
    {
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
                if (dx * dx + dy * dy <= radius * radius) Set(x + dx, y + dy, colour);
    }

    /// <summary>Horizontal text with its baseline at <paramref name="y"/>, placed along x by <paramref name="align"/>.</summary>
    public void Text(string text, int x, int y, (byte R, byte G, byte B) colour, TextAlign align = TextAlign.Left, double scale = 0.45)
    {
        var (strip, w, h, descent) = Render(text, colour, scale);
        int left = Aligned(x, w, align);
        Blit(strip, w, h + descent, (sx, sy) => (left + sx, y - h + sy));
    }

    /// <summary>Text turned a quarter left (read bottom to top), centred on <paramref name="centreY"/>, its top edge at <paramref name="x"/>.</summary>
    public void VerticalText(string text, int x, int centreY, (byte R, byte G, byte B) colour, double scale = 0.45)
    {
        var (strip, w, h, descent) = Render(text, colour, scale);
        int bottom = centreY + w / 2;
        Blit(strip, w, h + descent, (sx, sy) => (x + sy, bottom - sx));
    }

    /// <summary>Writes the canvas as a PNG file.</summary>
    public void Save(string path)
    {
        using var scope = torch.NewScope();
        File.WriteAllBytes(path, Cv.Encode(torch.FromArray(pixels, Height, Width, 3), ".png"));
    }

    private static int Aligned(int x, int width, TextAlign align) => align switch
    {
        TextAlign.Centre => x - width / 2,
        TextAlign.Right => x - width,
        _ => x,
    };

    // Text is drawn by OpenCV onto a white strip of its own size, then copied over the canvas darkest-wins, so that the
    // anti-aliased edges blend into what is already there and the canvas never crosses the bridge whole.
    private static (byte[] Strip, int Width, int Height, int Descent) Render(string text, (byte R, byte G, byte B) colour, double scale)
    {
        var (w, h, descent) = Cv.TextSize(text, scale);
        w += 2;
        var white = new byte[w * (h + descent) * 3];
        Array.Fill(white, (byte)255);
        using var scope = torch.NewScope();
        var drawn = Cv.PutText(torch.FromArray(white, h + descent, w, 3), text, 1, h, scale, colour);
        return (drawn.ToArray<byte>(), w, h, descent);
    }

    private void Blit(byte[] strip, int w, int h, Func<int, int, (int X, int Y)> place)
    {
        for (int sy = 0; sy < h; sy++)
            for (int sx = 0; sx < w; sx++)
            {
                int i = (sy * w + sx) * 3;
                if (strip[i] == 255 && strip[i + 1] == 255 && strip[i + 2] == 255) continue;
                var (x, y) = place(sx, sy);
                if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) continue;
                var old = Get(x, y);
                Set(x, y, (Math.Min(old.R, strip[i]), Math.Min(old.G, strip[i + 1]), Math.Min(old.B, strip[i + 2])));
            }
    }
}
