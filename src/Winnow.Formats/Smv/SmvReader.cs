using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Winnow.Formats.Diffraction;
using Winnow.Formats.IO;

namespace Winnow.Formats.Smv;

/// <summary>
/// Reads SMV (ADSC and derived) images: a "{ KEY=VALUE; … }" text header of HEADER_BYTES, then raw pixels.
/// Beam centres follow dxtbx's per-detector conventions (ADSC swaps X/Y; JHSim and TimePix_SU have their own).
/// </summary>
public static class SmvReader
{
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>True when the bytes start like an SMV header.</summary>
    public static bool IsSmv(ReadOnlySpan<byte> head) => head.StartsWith("{\nHEADER_BYTES="u8) || head.StartsWith("{\r\nHEADER_BYTES="u8);

    /// <summary>Reads the SMV file at <paramref name="path"/> (plain, .gz or .bz2, recognised by content).</summary>
    public static DetectorImage Read(string path) => Read(Compression.ReadAllBytes(path), path);

    /// <summary>Reads an SMV image from its bytes; <paramref name="path"/> names it in errors.</summary>
    public static DetectorImage Read(byte[] bytes, string path) => Read(bytes.AsSpan(), path);

    /// <summary>Reads an SMV image from its bytes (any span: a reused read buffer too); <paramref name="path"/> names it in errors.</summary>
    public static DetectorImage Read(ReadOnlySpan<byte> bytes, string path)
    {
        WinnowFormatException Error(string problem) => new(path, problem);
        if (!IsSmv(bytes)) throw Error("does not start with '{' and HEADER_BYTES=; this is not an SMV file");
        var h = ParseHeader(bytes, Error, out int headerBytes);

        int Int(string key) => h.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i : throw Error($"header item {key} is missing or not an integer");
        double Num(string key) => h.TryGetValue(key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw Error($"header item {key} is missing or not a number");
        double NumOr(string key, double fallback) => h.ContainsKey(key) ? Num(key) : fallback;

        int size1 = Int("SIZE1"), size2 = Int("SIZE2");
        if (size1 <= 0 || size2 <= 0) throw Error($"has non-positive image size {size1}×{size2}");
        string type = h.GetValueOrDefault("TYPE", "unsigned_short");
        int bpp = type switch { "unsigned_short" or "signed_short" or "short" => 2, "unsigned_int" or "signed_int" or "int" or "unsigned_long" or "long" => 4, _ => 0 };
        if (bpp == 0) throw Error($"pixel TYPE '{type}' is not supported");
        long need = (long)size1 * size2 * bpp;
        if (headerBytes + need > bytes.Length)
            throw Error($"header promises {need} bytes of {size1}×{size2} {type} pixels but the file holds {bytes.Length - headerBytes} after the header");
        bool big = h.GetValueOrDefault("BYTE_ORDER", "little_endian").StartsWith("big", StringComparison.OrdinalIgnoreCase);

        var raw = Decode(bytes.Slice(headerBytes, (int)need), type, big, size1 * size2, Error);
        double pixel = Num("PIXEL_SIZE");
        double bx = Num("BEAM_CENTER_X"), by = Num("BEAM_CENTER_Y");
        string beamline = h.GetValueOrDefault("BEAMLINE", "");
        double adcOffset = NumOr("ADC_OFFSET", 1);

        string format;
        IReadOnlyList<DetectorPanel> panels;
        (double, double) trusted = (-1, 65535);
        if (beamline.Equals("TimePix_SU", StringComparison.OrdinalIgnoreCase) && size1 == 512 && size2 == 512)
        {
            format = "SMV TimePix_SU 512x512";
            panels = TimePix.Panels(raw, pixel, bx, by);
        }
        else if (beamline.Equals("TimePix_SU", StringComparison.OrdinalIgnoreCase))
        {
            // 516×516: the wide edge pixels already split; the beam centre is in pixels.
            format = "SMV TimePix_SU";
            panels = [new DetectorPanel(size1, size2, raw, (bx, by))];
        }
        else if (beamline == "fake")
        {
            // James Holton's simulators: beam centre in ADXV convention (mm, origin at the bottom-left).
            format = "SMV JHSim";
            double heightMm = pixel * size2;
            panels = [new DetectorPanel(size1, size2, raw, ((bx + pixel) / pixel, (heightMm - by + pixel) / pixel))];
            trusted = (-1, 65535 - adcOffset);
        }
        else
        {
            // ADSC: BEAM_CENTER_X runs along the slow axis and BEAM_CENTER_Y along the fast axis (mm, Mosflm frame).
            format = "SMV ADSC";
            panels = [new DetectorPanel(size1, size2, raw, (by / pixel, bx / pixel))];
        }
        var angles = new Dictionary<string, double>();
        foreach (var key in new[] { "OSC_START", "OSC_RANGE", "PHI", "OMEGA", "KAPPA", "TWOTHETA" })
            if (h.ContainsKey(key) && double.TryParse(h[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) angles[key] = v;
        return new DetectorImage
        {
            Path = path,
            Format = format,
            Detector = h.GetValueOrDefault("DETECTOR_SN", ""),
            Panels = panels,
            PixelSizeMm = (pixel, pixel),
            WavelengthA = Num("WAVELENGTH"),
            DistanceMm = Num("DISTANCE"),
            TrustedRange = trusted,
            ExposureS = h.ContainsKey("TIME") ? Num("TIME") : null,
            Angles = angles,
            Header = h,
        };
    }

    private static Dictionary<string, string> ParseHeader(ReadOnlySpan<byte> bytes, Func<string, WinnowFormatException> error, out int headerBytes)
    {
        int scan = Math.Min(bytes.Length, 4096);
        var start = Encoding.Latin1.GetString(bytes[..scan]);
        int eq = start.IndexOf("HEADER_BYTES=", StringComparison.Ordinal) + 13;
        int semi = start.IndexOf(';', eq);
        if (semi < 0 || !int.TryParse(start.AsSpan(eq, semi - eq).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out headerBytes))
            throw error("HEADER_BYTES is not an integer");
        if (headerBytes <= 0 || headerBytes > MaxHeaderBytes || headerBytes > bytes.Length)
            throw error($"HEADER_BYTES={headerBytes} is outside the file (size {bytes.Length})");
        var text = Encoding.Latin1.GetString(bytes[..headerBytes]);
        int close = text.IndexOf('}');
        if (close < 0) throw error("header has no closing '}' within HEADER_BYTES");
        var h = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text[1..close].Split(';'))
        {
            int e = item.IndexOf('=');
            if (e <= 0) continue;
            h[item[..e].Trim()] = item[(e + 1)..].Trim();
        }
        return h;
    }

    private static int[] Decode(ReadOnlySpan<byte> src, string type, bool big, int n, Func<string, WinnowFormatException> error)
    {
        var px = GC.AllocateUninitializedArray<int>(n);
        switch (type)
        {
            case "unsigned_short":
                for (int i = 0; i < n; i++) px[i] = big ? BinaryPrimitives.ReadUInt16BigEndian(src[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]);
                break;
            case "signed_short" or "short":
                for (int i = 0; i < n; i++) px[i] = big ? BinaryPrimitives.ReadInt16BigEndian(src[(2 * i)..]) : BinaryPrimitives.ReadInt16LittleEndian(src[(2 * i)..]);
                break;
            default:
                bool unsigned = type.StartsWith("unsigned", StringComparison.Ordinal);
                for (int i = 0; i < n; i++)
                {
                    uint v = big ? BinaryPrimitives.ReadUInt32BigEndian(src[(4 * i)..]) : BinaryPrimitives.ReadUInt32LittleEndian(src[(4 * i)..]);
                    if (unsigned && v > int.MaxValue) throw error($"pixel {i} holds {v}, beyond the 32-bit signed range Winnow keeps");
                    px[i] = (int)v;
                }
                break;
        }
        return px;
    }

    /// <summary>The Stockholm TimePix 2×2 module detector as dxtbx models it: four 254×254 panels, edge pixels three times as wide.</summary>
    private static class TimePix
    {
        private const double EdgePixelMm = 0.165;

        public static IReadOnlyList<DetectorPanel> Panels(int[] raw, double pixel, double bxPx, double byPx)
        {
            // Beam centre in mm from pixels, counting the wide edge pixels (dxtbx FormatSMVTimePix_SU_512x512.px_to_mm).
            double bxMm = PxToMm(bxPx, pixel, 256), byMm = PxToMm(byPx, pixel, 256);
            (int X, int Y, double Xmm, double Ymm)[] layout =
            [
                (1, 1, EdgePixelMm, EdgePixelMm),
                (257, 1, 3 * EdgePixelMm + 254 * pixel, EdgePixelMm),
                (1, 257, EdgePixelMm, 3 * EdgePixelMm + 254 * pixel),
                (257, 257, 3 * EdgePixelMm + 254 * pixel, 3 * EdgePixelMm + 254 * pixel),
            ];
            var panels = new List<DetectorPanel>();
            foreach (var (x0, y0, xmm, ymm) in layout)
            {
                var px = new int[254 * 254];
                for (int y = 0; y < 254; y++)
                    Array.Copy(raw, (y0 + y) * 512 + x0, px, y * 254, 254);
                panels.Add(new DetectorPanel(254, 254, px, ((bxMm - xmm) / pixel, (byMm - ymm) / pixel)));
            }
            return panels;
        }

        private static double PxToMm(double px, double size, int panel)
        {
            double w = size * 3;
            if (px <= 1) return px * w;
            double mm = w;
            if (px <= panel - 1) return mm + (px - 1) * size;
            mm += (panel - 2) * size;
            if (px <= panel) return mm + (px - (panel - 1)) * w;
            mm += w;
            if (px <= panel + 1) return mm + (px - panel) * w;
            mm += w;
            if (px <= 2 * panel - 1) return mm + (px - panel - 1) * size;
            return mm + (panel - 2) * size + (px - (2 * panel - 1)) * w;
        }
    }
}
