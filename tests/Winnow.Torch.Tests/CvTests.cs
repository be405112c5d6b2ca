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
