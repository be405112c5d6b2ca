using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Winnow.Formats.Cbf;

/// <summary>What a miniCBF header says about the experiment (the PILATUS_1.4 header_contents lines dxtbx reads).</summary>
public sealed record MiniCbfHeader(
    string Detector,
    double PixelSizeMetres,
    double WavelengthAngstrom,
    double DistanceMetres,
    double BeamXPixels,
    double BeamYPixels,
    int CountCutoff,
    double ExposureSeconds = 0.02,
    double StartAngleDegrees = 0,
    double AngleIncrementDegrees = 0,
    string Timestamp = "2025-01-01T00:00:00.000",
    string DataName = "winnow");

/// <summary>Writes 32-bit integer images as standard miniCBF (CBF 1.5, PILATUS header, x-CBF_BYTE_OFFSET binary), the layout DECTRIS detectors write.</summary>
public static class MiniCbfWriter
{
    // Layout copied from real PILATUS3 6M / EIGER 16M files: CRLF line ends, the 4-byte binary start
    // marker, 4095 bytes of zero padding after the compressed data, then the MIME trailer.
    private const int Padding = 4095;
    private static readonly byte[] StartMarker = [0x0C, 0x1A, 0x04, 0xD5];

    /// <summary>Writes a miniCBF file at <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<int> pixels, int width, int height, MiniCbfHeader header)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, pixels, width, height, header);
    }

    /// <summary>Writes a miniCBF image to <paramref name="stream"/>; pixels are row-major, fastest dimension first.</summary>
    public static void Write(Stream stream, ReadOnlySpan<int> pixels, int width, int height, MiniCbfHeader header)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height)
            throw new ArgumentException($"A {width}x{height} image needs {width * height} pixels, got {pixels.Length}.");
        var compressed = ByteOffsetEncode(pixels);
        var md5 = Convert.ToBase64String(MD5.HashData(compressed));
        var text = HeaderText(header, width, height, compressed.Length, md5);
        var ascii = Encoding.ASCII.GetBytes(text);
        stream.Write(ascii);
        stream.Write(StartMarker);
        stream.Write(compressed);
        stream.Write(new byte[Padding]);
        stream.Write(Encoding.ASCII.GetBytes("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n"));
    }

    /// <summary>CBF byte-offset compression: each pixel is stored as its difference from the previous one in 1, 2 or 4 bytes.</summary>
    public static byte[] ByteOffsetEncode(ReadOnlySpan<int> pixels)
    {
        // Worst case is 7 bytes per pixel (escape 0x80, escape 0x8000, int32); photon-counting images
        // are mostly small differences, so start at ~1.1 bytes per pixel and grow when needed.
        var buffer = new byte[pixels.Length + pixels.Length / 8 + 16];
        int n = 0;
        long previous = 0;
        foreach (var value in pixels)
        {
            if (n + 7 > buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            long delta = value - previous;
            previous = value;
            if (delta >= -127 && delta <= 127)
            {
                buffer[n++] = (byte)(sbyte)delta;
                continue;
            }
            buffer[n++] = 0x80;
            if (delta >= -32767 && delta <= 32767)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(n), (short)delta);
                n += 2;
                continue;
            }
            BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(n), unchecked((short)0x8000));
            n += 2;
            // Differences of two int32 values can need 33 bits; wrap-around is what CBFlib does and decoders undo it.
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(n), unchecked((int)delta));
            n += 4;
        }
        Array.Resize(ref buffer, n);
        return buffer;
    }

    private static string HeaderText(MiniCbfHeader h, int width, int height, int binarySize, string md5)
    {
        var c = CultureInfo.InvariantCulture;
        // Written in micrometres as DECTRIS does ("172e-6 m"), so the header reads like a real detector's.
        var pixelSize = (h.PixelSizeMetres * 1e6).ToString("0.###", c) + "e-6";
        var lines = new[]
        {
            "###CBF: VERSION 1.5, CBFlib v0.7.8 - Winnow simulated",
            "",
            $"data_{h.DataName}",
            "",
            "_array_data.header_convention \"PILATUS_1.4\"",
            "_array_data.header_contents",
            ";",
            $"# Detector: {h.Detector}",
            $"# {h.Timestamp}",
            $"# Pixel_size {pixelSize} m x {pixelSize} m",
            "# Silicon sensor, thickness 0.000450 m",
            string.Create(c, $"# Exposure_time {h.ExposureSeconds:0.0000000} s"),
            string.Create(c, $"# Exposure_period {h.ExposureSeconds:0.0000000} s"),
            "# Tau = 0 s",
            $"# Count_cutoff {h.CountCutoff} counts",
            "# Threshold_setting: 6400 eV",
            "# Gain_setting: autog (vrf = 1.000)",
            "# N_excluded_pixels = 0",
            "# Excluded_pixels: badpixel_mask.tif",
            "# Flat_field: (nil)",
            "# Trim_file: (nil)",
            "# Image_path: /winnow/simulated/",
            string.Create(c, $"# Wavelength {h.WavelengthAngstrom:0.00000} A"),
            "# Energy_range (0, 0) eV",
            string.Create(c, $"# Detector_distance {h.DistanceMetres:0.00000} m"),
            "# Detector_Voffset 0.00000 m",
            string.Create(c, $"# Beam_xy ({h.BeamXPixels:0.00}, {h.BeamYPixels:0.00}) pixels"),
            "# Flux 0.000000",
            "# Filter_transmission 1.0000",
            string.Create(c, $"# Start_angle {h.StartAngleDegrees:0.0000} deg."),
            string.Create(c, $"# Angle_increment {h.AngleIncrementDegrees:0.0000} deg."),
            "# Detector_2theta 0.0000 deg.",
            "# Polarization 0.990",
            "# Alpha 0.0000 deg.",
            "# Kappa 0.0000 deg.",
            "# Phi 0.0000 deg.",
            "# Phi_increment 0.0000 deg.",
            string.Create(c, $"# Omega {h.StartAngleDegrees:0.0000} deg."),
            string.Create(c, $"# Omega_increment {h.AngleIncrementDegrees:0.0000} deg."),
            "# Chi 0.0000 deg.",
            "# Chi_increment 0.0000 deg.",
            "# Oscillation_axis X.CW",
            "# N_oscillations 1",
            ";",
            "",
            "_array_data.data",
            ";",
            "--CIF-BINARY-FORMAT-SECTION--",
            "Content-Type: application/octet-stream;",
            "     conversions=\"x-CBF_BYTE_OFFSET\"",
            "Content-Transfer-Encoding: BINARY",
            $"X-Binary-Size: {binarySize}",
            "X-Binary-ID: 1",
            "X-Binary-Element-Type: \"signed 32-bit integer\"",
            "X-Binary-Element-Byte-Order: LITTLE_ENDIAN",
            $"Content-MD5: {md5}",
            $"X-Binary-Number-of-Elements: {width * height}",
            $"X-Binary-Size-Fastest-Dimension: {width}",
            $"X-Binary-Size-Second-Dimension: {height}",
            $"X-Binary-Size-Padding: {Padding}",
            "",
        };
        return string.Join("\r\n", lines) + "\r\n";
    }
}
