using System.Text;
using Winnow.Formats.Diffraction;
using Winnow.Formats.IO;
using Winnow.Formats.Star;

namespace Winnow.Formats.Cbf;

/// <summary>
/// Reads CBF images: miniCBF with the PILATUS header, and full imgCIF geometry tables where present;
/// byte-offset compressed 32-bit (or smaller) integers; -1 (gap) and -2 (bad) kept as they are (see <see cref="PixelMask"/>).
/// </summary>
public static class CbfReader
{
    private static readonly byte[] Boundary = "--CIF-BINARY-FORMAT-SECTION--"u8.ToArray();
    private static readonly byte[] BinaryStart = [0x0C, 0x1A, 0x04, 0xD5];

    /// <summary>True when the bytes look like a CBF file (after any decompression).</summary>
    public static bool IsCbf(ReadOnlySpan<byte> head) => head.StartsWith("###CBF"u8) || (head.StartsWith("data_"u8) && head.IndexOf("_array_data"u8) >= 0);

    /// <summary>Reads the CBF file at <paramref name="path"/> (plain, .gz or .bz2, recognised by content).</summary>
    public static DetectorImage Read(string path) => Read(Compression.ReadAllBytes(path), path);

    /// <summary>Reads a CBF image from its bytes; <paramref name="path"/> names it in errors.</summary>
    public static DetectorImage Read(byte[] bytes, string path) => Read(bytes, path, null);

    /// <summary>
    /// Reads a CBF image from its bytes, decoding into <paramref name="buffers"/>' reused pixel array when given (the image
    /// is then valid only until the next read with those buffers); <paramref name="path"/> names it in errors.
    /// </summary>
    public static DetectorImage Read(ReadOnlySpan<byte> span, string path, ReadBuffers? buffers)
    {
        WinnowFormatException Error(string problem) => new(path, problem);
        if (!IsCbf(span[..Math.Min(span.Length, 1 << 16)]))
            throw Error("does not start with '###CBF' or a data_ block with _array_data; this is not a CBF file");
        int boundary = span.IndexOf(Boundary);
        if (boundary < 0) throw Error("has no binary section (--CIF-BINARY-FORMAT-SECTION--)");

        // MIME header: lines after the boundary up to the blank line; the data starts after the 0C 1A 04 D5 marker.
        int markerAt = span[boundary..].IndexOf(BinaryStart);
        if (markerAt < 0 || markerAt > 8192) throw Error("binary section has no start marker (0C 1A 04 D5)");
        int dataStart = boundary + markerAt + BinaryStart.Length;
        var mimeText = Encoding.Latin1.GetString(span.Slice(boundary + Boundary.Length, markerAt - Boundary.Length));
        var mime = MimeHeader.Parse(mimeText.Replace("\r", "").Split('\n'), Error);
        if (mime.Fast <= 0 || mime.Slow <= 0) throw Error($"has non-positive image size {mime.Fast}×{mime.Slow}");
        if (mime.Third > 1) throw Error($"has a third dimension of {mime.Third}; only 2-D images are supported");
        if (mime.Elements != mime.Fast * mime.Slow)
            throw Error($"X-Binary-Number-of-Elements {mime.Elements} is not {mime.Fast}×{mime.Slow}");
        if (mime.BinarySize <= 0 || mime.BinarySize > span.Length - dataStart)
            throw Error($"X-Binary-Size {mime.BinarySize} exceeds the {span.Length - dataStart} bytes left in the file (truncated?)");
        if (!mime.ByteOrder.Contains("LITTLE", StringComparison.OrdinalIgnoreCase))
            throw Error($"element byte order {mime.ByteOrder} is not supported");
        if (!mime.Conversions.Contains("BYTE_OFFSET", StringComparison.OrdinalIgnoreCase))
            throw Error($"compression '{mime.Conversions}' is not supported (only x-CBF_BYTE_OFFSET)");
        // Every byte-offset value takes at least one byte: this bounds the allocation by the file size.
        if (mime.Elements > mime.BinarySize || mime.Elements > Array.MaxLength)
            throw Error($"claims {mime.Elements} pixels but holds only {mime.BinarySize} compressed bytes");

        var pixels = buffers?.Pixels((int)mime.Elements) ?? GC.AllocateUninitializedArray<int>((int)mime.Elements);
        if (ByteOffset.Decode(span.Slice(dataStart, (int)mime.BinarySize), pixels) < 0)
            throw Error("byte-offset data ends before all pixels are decoded, or a value overflows 32 bits");

        var text = CifText(span[..boundary]);
        return Build(path, text, pixels, (int)mime.Fast, (int)mime.Slow, Error);
    }

    /// <summary>The CIF text before the binary section, closed so that it parses: the open ';' field becomes a '.' value.</summary>
    private static string CifText(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head).Replace("\r\n", "\n");
        int lastSemi = text.LastIndexOf("\n;", StringComparison.Ordinal);
        if (lastSemi >= 0) text = text[..(lastSemi + 1)];
        return text + ".\n";
    }

    private static DetectorImage Build(string path, string cifText, int[] pixels, int fast, int slow, Func<string, WinnowFormatException> error)
    {
        StarBlock? block = null;
        try { block = StarParser.Parse(cifText, path).Blocks[0]; }
        catch (WinnowFormatException) { /* unusual header text: fall back to the '#' lines alone */ }

        string contents = block?.GetString("_array_data.header_contents") ?? cifText;
        var pil = PilatusHeader.Parse(contents);
        var cif = block is null ? null : ImgCifGeometry.From(block);

        var pixelSize = pil.Numbers("Pixel_size") is { Length: >= 2 } ps ? (ps[0] * 1000, ps[1] * 1000)
            : cif?.PixelSizeMm ?? throw error("records no pixel size (no '# Pixel_size' line nor _array_element_size)");
        double wavelength = pil.Number("Wavelength") ?? cif?.WavelengthA ?? throw error("records no wavelength");
        double distance = pil.Number("Detector_distance") is { } dm ? dm * 1000
            : cif?.DistanceMm ?? throw error("records no detector distance");
        var beam = pil.Numbers("Beam_xy") is { Length: >= 2 } b ? (b[0], b[1])
            : cif?.BeamCentrePx ?? throw error("records no beam centre");
        double cutoff = pil.Number("Count_cutoff") ?? int.MaxValue;

        var angles = new Dictionary<string, double>();
        foreach (var key in new[] { "Start_angle", "Angle_increment", "Detector_2theta", "Alpha", "Kappa", "Phi", "Phi_increment", "Omega", "Omega_increment", "Chi", "Chi_increment" })
            if (pil.Number(key) is { } v) angles[key] = v;

        var convention = block?.GetString("_array_data.header_convention") ?? "";
        return new DetectorImage
        {
            Path = path,
            Format = pil.Has("Pixel_size") ? $"miniCBF {convention}".Trim() : "imgCIF",
            Detector = pil.Items.GetValueOrDefault("Detector", ""),
            Panels = [new DetectorPanel(fast, slow, pixels, beam)],
            PixelSizeMm = pixelSize,
            WavelengthA = wavelength,
            DistanceMm = distance,
            TrustedRange = (-1, cutoff),
            ExposureS = pil.Number("Exposure_time"),
            Angles = angles,
            Header = new Dictionary<string, string>(pil.Items),
        };
    }
}
