using Winnow.Torch.Vision;

namespace Winnow.Torch.Tests;

public class CvTests
{
    private static Tensor Gradient(int h, int w) =>
        (torch.Arange(0, h * w * 3, 1, ScalarType.Int64) % 251).To(ScalarType.Byte).Reshape(h, w, 3);

    [Theory]
    [InlineData(".png")]
    [InlineData(".bmp")]
    [InlineData(".tif")]
    public void LosslessFormatsRoundTripExactly(string extension)
    {
        using var scope = torch.NewScope();
        var image = Gradient(20, 30);
        var decoded = Cv.Decode(Cv.Encode(image, extension), ImageReadMode.Unchanged);
        Assert.Equal(new long[] { 20, 30, 3 }, decoded.Shape);
        Assert.Equal(image.ToArray<byte>(), decoded.ToArray<byte>());
    }

    [Fact]
    public void TextIsDrawnInsideItsMeasuredBoxOnACopy()
    {
        using var scope = torch.NewScope();
        var white = torch.Full([40, 120, 3], 255, ScalarType.Byte);
        var (w, h, descent) = Cv.TextSize("d (A) 1.5", 0.5);
        Assert.InRange(w, 40, 110);
        Assert.InRange(h, 5, 20);
        var drawn = Cv.PutText(white, "d (A) 1.5", 5, 25, 0.5, (200, 0, 0)).ToArray<byte>();
        Assert.All(white.ToArray<byte>(), v => Assert.Equal(255, v));
        int inked = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 120; x++)
            {
                int i = (y * 120 + x) * 3;
                if (drawn[i + 1] == 255) continue;
                inked++;
                // Red ink: the red channel stays high where green and blue fall.
                Assert.True(drawn[i] >= drawn[i + 1], $"pixel ({x}, {y}) is not red ink");
                Assert.InRange(x, 4, 5 + w + 1);
                Assert.InRange(y, 25 - h - 1, 25 + descent + 1);
            }
        Assert.True(inked > 50, $"only {inked} pixels inked");
    }

    [Fact]
    public void JpegRoundTripsWithinCompressionError()
    {
        using var scope = torch.NewScope();
        var image = torch.Full([32, 32, 3], 128, ScalarType.Byte);
        var decoded = Cv.Decode(Cv.Encode(image, ".jpg", 95), ImageReadMode.Color);
        Assert.True((decoded.To(ScalarType.Float32) - 128).Abs().Max().Item() <= 2);
    }

    [Fact]
    public void SixteenBitTiffKeepsItsDepth()
    {
        using var scope = torch.NewScope();
        var image = torch.FromArray(new int[] { 0, 1000, 40000, 65535 }, 2, 2, 1);
        var decoded = Cv.Decode(Cv.Encode(image, ".tif"), ImageReadMode.Unchanged);
        Assert.Equal(ScalarType.Int32, decoded.Dtype);
        Assert.Equal(new[] { 0, 1000, 40000, 65535 }, decoded.ToArray<int>());
    }

    [Fact]
    public void ColourOrderIsRgb()
    {
        using var scope = torch.NewScope();
        var red = torch.Zeros([4, 4, 3], ScalarType.Byte);
        red[.., .., 0] = torch.Full([4, 4], 255, ScalarType.Byte);
        var decoded = Cv.Decode(Cv.Encode(red, ".png"));
        Assert.Equal(255, decoded[0, 0, 0].Item());
        Assert.Equal(0, decoded[0, 0, 2].Item());
        var grey = Cv.CvtColor(decoded, ColorConversion.RgbToGrey);
        Assert.Equal(76, grey[0, 0, 0].Item()); // 0.299 · 255
    }

    [Fact]
    public void ResizeAndDecodeResized()
    {
        using var scope = torch.NewScope();
        var image = Gradient(40, 60);
        Assert.Equal(new long[] { 20, 30, 3 }, Cv.Resize(image, 30, 20).Shape);
        var png = Cv.Encode(image, ".png");
        Assert.Equal(new long[] { 10, 15, 3 }, Cv.DecodeResized(png, 15, 10).Shape);
        Assert.Equal(new long[] { 40, 60, 1 }, Cv.Decode(png, ImageReadMode.Grey).Shape);
    }

    [Fact]
    public void CorruptBytesAreAnExceptionNotACrash()
    {
        var e = Assert.Throws<TorchException>(() => Cv.Decode(new byte[] { 0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02 }));
        Assert.Contains("not a readable", e.Message);
        Assert.Throws<TorchException>(() => Cv.Decode(ReadOnlySpan<byte>.Empty));
        var path = Path.Combine(Path.GetTempPath(), $"winnow-bad-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, new byte[100]);
        var fileError = Assert.Throws<InvalidDataException>(() => Cv.Read(path));
        Assert.Contains(path, fileError.Message);
        File.Delete(path);
    }
}
