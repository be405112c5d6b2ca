using Winnow.Formats.Inspection;
using Winnow.Formats.Raster;

namespace Winnow.Formats.Tests;

public class RasterTests
{
    [Fact]
    public void ReadsColourGreyAndAlphaPicturesWithPillowsModes()
    {
        Assert.Equal("RGB", RasterReader.Read(SharedData.Path("drops/90j8_01A_1.jpg")).Mode);
        Assert.Equal("L", RasterReader.Read(SharedData.Path("drops/big_crystals_3.jpg")).Mode);
        var atlas = RasterReader.Read(SharedData.Path("atlas/lowmag.png"));
        Assert.Equal("RGBA", atlas.Mode);
        Assert.Equal(449 * 449 * 4, atlas.Pixels.Length);
    }

    [Fact]
    public void GreyLevelsFollowPillowsLumaFormula()
    {
        var image = new RasterImage(2, 1, 3, 8, [255, 0, 0, 10, 200, 30]);
        Assert.Equal(new[] { 76, (19595 * 10 + 38470 * 200 + 7471 * 30 + 0x8000) >> 16 }, image.Grey());
    }

    [Fact]
    public void CompressedPicturesAreReadTransparently()
    {
        using var dir = new TempDirectory();
        var gz = dir.File("drop.jpg.gz");
        using (var output = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(SharedData.Path("drops/marco_gsk_25.jpeg")));
        var json = Inspector.Inspect(gz);
        Assert.Equal("raster", json["kind"]!.GetValue<string>());
        Assert.Equal("gzip", json["compression"]!.GetValue<string>());
        Assert.Equal(SharedData.Reference["drops/marco_gsk_25.jpeg"]!["width"]!.GetValue<int>(), json["width"]!.GetValue<int>());
    }

    [Fact]
    public void ATruncatedJpegIsRefusedNotDecodedAsGrey()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.jpg");
        var bytes = File.ReadAllBytes(SharedData.Path("drops/90j8_01A_1.jpg"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<WinnowFormatException>(() => RasterReader.Read(path));
        Assert.Contains("cut.jpg", e.Message);
        Assert.Contains("truncated JPEG", e.Message);
    }

    [Theory]
    [InlineData("png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, 1, 2, 3 })]
    [InlineData("bmp", new byte[] { (byte)'B', (byte)'M', 0xFF, 0xFF, 0xFF, 0x7F, 0, 0 })]
    [InlineData("tif", new byte[] { (byte)'I', (byte)'I', (byte)'*', 0, 0xFF, 0xFF, 0xFF, 0x7F })]
    public void CorruptPicturesGiveOneClearError(string extension, byte[] content)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad." + extension);
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<WinnowFormatException>(() => RasterReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a readable", e.Message);
    }
}
