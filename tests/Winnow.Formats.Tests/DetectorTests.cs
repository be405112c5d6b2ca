using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ICSharpCode.SharpZipLib.BZip2;
using Winnow.Formats.Cbf;
using Winnow.Formats.Diffraction;
using Winnow.Formats.Geometry;
using Winnow.Formats.Inspection;
using Winnow.Formats.IO;

namespace Winnow.Formats.Tests;

public class DetectorTests
{
    [Fact]
    public void PilatusSixMegapixelFrameDecodesTheSameEveryTime()
    {
        // Decoding speed is measured in bench/formats, as a ratio against a reference in the same run: a wall-clock
        // bound here failed on slow shared machines without saying anything about the code.
        var bytes = File.ReadAllBytes(SharedData.Path("diffraction/thau_3_2_0004.cbf"));
        var first = CbfReader.Read(bytes, "thau").Pixels;
        Assert.Equal(2463 * 2527, first.Length);
        for (int i = 0; i < 3; i++) Assert.True(first.AsSpan().SequenceEqual(CbfReader.Read(bytes, "thau").Pixels));
    }

    [Theory]
    [InlineData("diffraction/thau_3_2_0001.cbf", 0.0)]           // a grid-scan still
    [InlineData("diffraction/dlsnxs2cbf_therm_0001.cbf", 0.25)]  // a rotation image (CBF Angle_increment)
    [InlineData("diffraction/TIMEPIX_SU_512-stdgoni_0001.img", 0.23)] // SMV OSC_RANGE
    public void OscillationComesFromTheHeader(string file, double degrees)
    {
        var bytes = File.ReadAllBytes(SharedData.Path(file));
        var image = file.EndsWith(".cbf") ? CbfReader.Read(bytes, file) : Winnow.Formats.Smv.SmvReader.Read(bytes, file);
        Assert.Equal(degrees, image.OscillationDeg!.Value, 6);
    }

    [Theory]
    [InlineData("diffraction/thau_3_2_0001.cbf")]
    [InlineData("diffraction/simtbx_FormatSMVJHSim_001.img")]
    [InlineData("mrc/hand.5.mrcs")]
    [InlineData("star/relion31.star")]
    public void GzipAndBzip2AreRecognisedByContentEvenUnderAMisleadingName(string file)
    {
        var plain = Inspector.Inspect(SharedData.Path(file));
        var raw = File.ReadAllBytes(SharedData.Path(file));
        foreach (var (kind, ext) in new[] { (CompressionKind.Gzip, ".gz"), (CompressionKind.Bzip2, ".bz2"), (CompressionKind.Gzip, ".dat") })
        {
            var path = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}{Path.GetExtension(file)}{ext}");
            try
            {
                using (var fs = File.Create(path))
                using (Stream z = kind == CompressionKind.Gzip ? new GZipStream(fs, CompressionLevel.Fastest) : new BZip2OutputStream(fs))
                    z.Write(raw);
                Assert.Equal(kind, Compression.Detect(path));
                var packed = Inspector.Inspect(path);
                Assert.Equal(kind.ToString().ToLowerInvariant(), (string)packed["compression"]!);
                foreach (var key in new[] { "file", "compression" }) { packed.Remove(key); }
                plain.Remove("file");
                Assert.Equal(plain.ToJsonString(), packed.ToJsonString());
            }
            finally { File.Delete(path); }
        }
    }

    [Fact]
    public void ReadsWhatAConformingMiniCbfWriterWritesIncludingEveryEscapeWidth()
    {
        int[] values = [0, 1, -1, -2, 127, -128, 200, -300, 32767, -32768, 70000, -70000, int.MaxValue, int.MinValue, 5, 0];
        var cbf = MiniCbf(values, 4, 4, "# Pixel_size 75e-6 m x 75e-6 m\n# Wavelength 1.0 A\n# Detector_distance 0.2 m\n# Beam_xy (1.5, 2.5) pixels\n# Count_cutoff 1000 counts\n# Exposure_time 0.1 s\n# Start_angle 10.0 deg.\n# Angle_increment 0.1 deg.\n");
        var img = CbfReader.Read(cbf, "synthetic.cbf");
        Assert.Equal(values, img.Pixels);
        Assert.Equal((0.075, 0.075), img.PixelSizeMm);
        Assert.Equal(200, img.DistanceMm, 9);
        Assert.Equal((1.5, 2.5), img.BeamCentrePx);
        Assert.Equal((-1.0, 1000.0), img.TrustedRange);
        Assert.Equal(0.1, img.ExposureS);
        Assert.Equal(10.0, img.Angles["Start_angle"]);
        Assert.Equal(1, PixelMask.Count(img.Pixels, PixelMask.Gap));
        Assert.Equal(1, PixelMask.Count(img.Pixels, PixelMask.Bad));
    }

    [Fact]
    public void LongRunsOfSmallDeltasDecodeExactlyBetweenEscapesAndNearThe32BitLimits()
    {
        // The decoder takes sixteen one-byte deltas at a time where it can: runs of every length between escapes of every
        // width, at every alignment, and values close to int.MaxValue and int.MinValue (where it must fall back to one at a time).
        var rng = new Random(17);
        var values = new List<int>();
        long v = 0;
        foreach (long start in new[] { 0L, int.MaxValue - 3000L, int.MinValue + 3000L, 5L })
        {
            v = start;
            values.Add((int)v);
            for (int block = 0; block < 300; block++)
            {
                int run = rng.Next(0, 40);
                for (int i = 0; i < run; i++) { v = Math.Clamp(v + rng.Next(-127, 128), int.MinValue, int.MaxValue); values.Add((int)v); }
                long jump = rng.Next(3) switch { 0 => rng.Next(128, 30000), 1 => rng.Next(40000, 2_000_000), _ => 0 };
                v = Math.Clamp(v + (rng.Next(2) == 0 ? jump : -jump), int.MinValue, int.MaxValue);
                values.Add((int)v);
            }
        }
        int[] pixels = [.. values.Take(values.Count / 64 * 64)];
        var cbf = MiniCbf(pixels, 64, pixels.Length / 64, "# Pixel_size 75e-6 m x 75e-6 m\n# Wavelength 1.0 A\n# Detector_distance 0.2 m\n# Beam_xy (1.5, 2.5) pixels\n");
        Assert.Equal(pixels, CbfReader.Read(cbf, "runs.cbf").Pixels);
    }

    [Fact]
    public void FullImgCifGeometryGivesDistanceAndBeamCentre()
    {
        // A detector 250 mm from the sample along -Z, fast axis +X, slow axis -Y; pixel (0,0) corner at (-100, 100).
        const string tables = """
            _diffrn_radiation_wavelength.wavelength 0.9795
            loop_
            _axis.id
            _axis.type
            _axis.equipment
            _axis.depends_on
            _axis.vector[1] _axis.vector[2] _axis.vector[3]
            _axis.offset[1] _axis.offset[2] _axis.offset[3]
            DETECTOR_Z translation detector . 0 0 -1 0 0 0
            DETECTOR_X translation detector DETECTOR_Z 1 0 0 0 0 0
            DETECTOR_Y translation detector DETECTOR_X 0 1 0 0 0 0
            ELEMENT_X translation detector DETECTOR_Y 1 0 0 -100 100 0
            ELEMENT_Y translation detector ELEMENT_X 0 -1 0 0 0 0
            loop_
            _diffrn_scan_frame_axis.frame_id
            _diffrn_scan_frame_axis.axis_id
            _diffrn_scan_frame_axis.angle
            _diffrn_scan_frame_axis.displacement
            FRAME1 DETECTOR_Z 0 250.0
            FRAME1 DETECTOR_X 0 0.0
            FRAME1 DETECTOR_Y 0 0.0
            loop_
            _array_structure_list.array_id
            _array_structure_list.index
            _array_structure_list.dimension
            _array_structure_list.precedence
            _array_structure_list.direction
            _array_structure_list.axis_set_id
            ARRAY1 1 2000 1 increasing ELEMENT_X
            ARRAY1 2 2000 2 increasing ELEMENT_Y
            loop_
            _array_structure_list_axis.axis_set_id
            _array_structure_list_axis.axis_id
            _array_structure_list_axis.displacement
            _array_structure_list_axis.displacement_increment
            ELEMENT_X ELEMENT_X 0.05 0.1
            ELEMENT_Y ELEMENT_Y 0.05 0.1
            loop_
            _array_element_size.array_id
            _array_element_size.index
            _array_element_size.size
            ARRAY1 1 0.1e-3
            ARRAY1 2 0.1e-3

            """;
        var cbf = MiniCbf([1, 2, 3, 4], 2, 2, null, tables);
        var img = CbfReader.Read(cbf, "imgcif.cbf");
        Assert.Equal("imgCIF", img.Format);
        Assert.Equal(0.9795, img.WavelengthA);
        Assert.Equal(250, img.DistanceMm, 9);
        Assert.Equal(0.1, img.PixelSizeMm.Fast, 12);
        Assert.Equal(1000, img.BeamCentrePx.Fast, 6);
        Assert.Equal(1000, img.BeamCentrePx.Slow, 6);
    }

    [Fact]
    public void FlatDetectorGeometry()
    {
        var g = new FlatDetector(100, (0.1, 0.1), (500, 500), 1.0, (1000, 1000));
        // 50 mm from the centre at 100 mm: tan 2θ = 0.5.
        double twoTheta = Math.Atan(0.5);
        Assert.Equal(twoTheta, g.TwoTheta(1000, 500), 12);
        Assert.Equal(1.0 / (2 * Math.Sin(twoTheta / 2)), g.DSpacing(1000, 500), 12);
        Assert.Equal(g.DSpacing(1000, 500), g.EdgeResolution(), 12);
        Assert.Equal(FlatDetector.DSpacingFromTwoTheta(Math.Atan(Math.Sqrt(2) * 50 / 100), 1.0), g.CornerResolution(), 12);
        Assert.True(double.IsPositiveInfinity(g.DSpacing(500, 500)));
        Assert.Equal(g.DSpacing(10.5, 20.5), g.DSpacingOfPixel(10, 20));

        // The thaumatin frame: DIALS estimated d_min ≈ 2.0 Å for 0001, which must lie inside what the detector records.
        var img = CbfReader.Read(SharedData.Path("diffraction/thau_3_2_0001.cbf"));
        Assert.InRange(img.Geometry.CornerResolution(), 1.0, 2.0);
        Assert.True(img.Geometry.EdgeResolution() > img.Geometry.CornerResolution());
    }

    /// <summary>A miniCBF as a conforming writer lays it out: CIF text, MIME header, marker, byte-offset data, padding.</summary>
    internal static byte[] MiniCbf(int[] values, int fast, int slow, string? pilatusHeader, string extraCif = "")
    {
        var data = new MemoryStream();
        long prev = 0;
        foreach (var v in values)
        {
            long d = v - prev;
            prev = v;
            if (d >= -127 && d <= 127) data.WriteByte((byte)(sbyte)d);
            else
            {
                data.WriteByte(0x80);
                if (d >= -32767 && d <= 32767) data.Write(BitConverter.GetBytes((short)d));
                else
                {
                    data.Write(BitConverter.GetBytes((short)-32768));
                    if (d >= -2147483647 && d <= 2147483647) data.Write(BitConverter.GetBytes((int)d));
                    else { data.Write(BitConverter.GetBytes(int.MinValue)); data.Write(BitConverter.GetBytes(d)); }
                }
            }
        }
        var sb = new StringBuilder("###CBF: VERSION 1.5, Winnow test\r\n\r\ndata_test\r\n\r\n");
        if (pilatusHeader is not null)
            sb.Append("_array_data.header_convention \"PILATUS_1.2\"\r\n_array_data.header_contents\r\n;\r\n").Append(pilatusHeader.Replace("\n", "\r\n")).Append(";\r\n\r\n");
        sb.Append(extraCif.Replace("\n", "\r\n"));
        sb.Append("_array_data.data\r\n;\r\n--CIF-BINARY-FORMAT-SECTION--\r\nContent-Type: application/octet-stream;\r\n     conversions=\"x-CBF_BYTE_OFFSET\"\r\nContent-Transfer-Encoding: BINARY\r\n");
        sb.Append($"X-Binary-Size: {data.Length}\r\nX-Binary-ID: 1\r\nX-Binary-Element-Type: \"signed 32-bit integer\"\r\nX-Binary-Element-Byte-Order: LITTLE_ENDIAN\r\n");
        sb.Append($"X-Binary-Number-of-Elements: {values.Length}\r\nX-Binary-Size-Fastest-Dimension: {fast}\r\nX-Binary-Size-Second-Dimension: {slow}\r\nX-Binary-Size-Padding: 4095\r\n\r\n");
        var outStream = new MemoryStream();
        outStream.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        outStream.Write([0x0C, 0x1A, 0x04, 0xD5]);
        data.Position = 0;
        data.CopyTo(outStream);
        outStream.Write(new byte[4095]);
        outStream.Write(Encoding.ASCII.GetBytes("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n"));
        return outStream.ToArray();
    }
}
