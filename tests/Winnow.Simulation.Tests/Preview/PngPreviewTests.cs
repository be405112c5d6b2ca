using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Winnow.Simulation.Preview;

namespace Winnow.Simulation.Tests.Preview;

public sealed class PngPreviewTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-png-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Crc32_matches_the_published_check_value()
    {
        // CRC-32/ISO-HDLC of "123456789" is 0xCBF43926; the IEND chunk CRC every PNG ends with is 0xAE426082.
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(0xFFFFFFFFu, "123456789"u8) ^ 0xFFFFFFFFu);
        Assert.Equal(0xAE426082u, PngEncoder.Crc32(0xFFFFFFFFu, "IEND"u8) ^ 0xFFFFFFFFu);
    }

    [Fact]
    public void Png_holds_the_pixels_written()
    {
        var grey = Enumerable.Range(0, 7 * 5).Select(i => (byte)(i * 7)).ToArray();
        string path = Path.Combine(_dir, "g.png");
        PngEncoder.WriteGrey8(path, grey, 7, 5);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        int idat = 8 + 25;
        int len = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(idat));
        Assert.Equal("IDAT", Encoding.ASCII.GetString(bytes, idat + 4, 4));
        using var z = new ZLibStream(new MemoryStream(bytes, idat + 8, len), CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var scan = raw.ToArray();
        Assert.Equal(5 * 8, scan.Length);
        for (int y = 0; y < 5; y++)
        {
            Assert.Equal(0, scan[y * 8]);
            Assert.Equal(grey.AsSpan(y * 7, 7).ToArray(), scan.AsSpan(y * 8 + 1, 7).ToArray());
        }
    }

    [Fact]
    public void Preview_keeps_a_single_bright_pixel_and_greys_out_gaps()
    {
        int w = 40, h = 40;
        var px = new int[w * h];
        px[13 * w + 21] = 1000;
        for (int y = 28; y < 32; y++)
            for (int x = 0; x < w; x++)
                px[y * w + x] = -1;
        string path = Path.Combine(_dir, "p.png");
        PngPreview.Write(path, px, w, h, factor: 4, saturation: 1000);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(10, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        using var z = new ZLibStream(new MemoryStream(bytes, 8 + 25 + 8, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(33))), CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var scan = raw.ToArray();
        Assert.Equal(0, scan[3 * 11 + 1 + 5]);      // the bright pixel's block is black
        Assert.Equal(255, scan[0 * 11 + 1 + 0]);    // empty blocks are white
        Assert.Equal(160, scan[7 * 11 + 1 + 0]);    // gap rows are grey
    }
}
