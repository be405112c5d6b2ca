using System.Buffers.Binary;
using System.Text;
using Winnow.Formats.Cbf;

namespace Winnow.Simulation.Tests.Diffraction;

public class MiniCbfWriterTests
{
    // Independent decoder written from the CBF byte-offset specification, to round-trip the encoder.
    private static int[] Decode(ReadOnlySpan<byte> data, int n)
    {
        var result = new int[n];
        int pos = 0;
        long value = 0;
        for (int i = 0; i < n; i++)
        {
            long delta = (sbyte)data[pos++];
            if (delta == -128)
            {
                delta = BinaryPrimitives.ReadInt16LittleEndian(data[pos..]);
                pos += 2;
                if (delta == short.MinValue)
                {
                    delta = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
                    pos += 4;
                }
            }
            value = unchecked((int)(value + delta));
            result[i] = (int)value;
        }
        Assert.Equal(data.Length, pos);
        return result;
    }

    [Fact]
    public void Byte_offset_round_trips_every_size_of_difference()
    {
        int[] values = [0, 1, -1, 127, -127, 0, 128, -128, 0, 32767, -32767, 32768, -32768, int.MaxValue, int.MinValue, int.MaxValue, -2, -1, 1046527, 5];
        var rng = new Winnow.Simulation.Diffraction.SimRandom(1);
        var many = values.Concat(Enumerable.Range(0, 5000).Select(_ => (int)rng.NextULong())).ToArray();
        Assert.Equal(many, Decode(MiniCbfWriter.ByteOffsetEncode(many), many.Length));
        // Small differences cost one byte each.
        Assert.Equal(4, MiniCbfWriter.ByteOffsetEncode([1, 2, 3, 4]).Length);
        Assert.Equal(3, MiniCbfWriter.ByteOffsetEncode([200]).Length);
        Assert.Equal(7, MiniCbfWriter.ByteOffsetEncode([100000]).Length);
    }

    [Fact]
    public void File_has_the_standard_miniCBF_layout()
    {
        int[] pixels = [0, 5, -1, -2, 70000, 3];
        var header = new MiniCbfHeader("PILATUS3 6M, S/N 60-0000", 172e-6, 0.9795, 0.3, 1231.5, 1263.5, 1048500);
        using var ms = new MemoryStream();
        MiniCbfWriter.Write(ms, pixels, 3, 2, header);
        var bytes = ms.ToArray();
        int marker = bytes.AsSpan().IndexOf(new byte[] { 0x0C, 0x1A, 0x04, 0xD5 });
        var text = Encoding.ASCII.GetString(bytes, 0, marker);
        Assert.StartsWith("###CBF: VERSION 1.5", text);
        foreach (var line in new[]
        {
            "_array_data.header_convention \"PILATUS_1.4\"", "# Detector: PILATUS3 6M, S/N 60-0000", "# Pixel_size 172e-6 m x 172e-6 m",
            "# Wavelength 0.97950 A", "# Detector_distance 0.30000 m", "# Beam_xy (1231.50, 1263.50) pixels", "# Count_cutoff 1048500 counts",
            "conversions=\"x-CBF_BYTE_OFFSET\"", "X-Binary-Element-Type: \"signed 32-bit integer\"", "X-Binary-Number-of-Elements: 6",
            "X-Binary-Size-Fastest-Dimension: 3", "X-Binary-Size-Second-Dimension: 2", "X-Binary-Size-Padding: 4095",
        })
            Assert.Contains(line + "\r\n", text);
        var size = int.Parse(text.Split("X-Binary-Size: ")[1].Split("\r\n")[0]);
        Assert.Equal(pixels, Decode(bytes.AsSpan(marker + 4, size), 6));
        Assert.True(bytes.AsSpan(marker + 4 + size, 4095).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n", Encoding.ASCII.GetString(bytes, marker + 4 + size + 4095, bytes.Length - (marker + 4 + size + 4095)));
    }
}
