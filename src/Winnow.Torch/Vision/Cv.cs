using Winnow.Torch.Native;

namespace Winnow.Torch.Vision;

/// <summary>How to decode an image.</summary>
public enum ImageReadMode
{
    /// <summary>As stored: 8- or 16-bit, grey, RGB or RGBA.</summary>
    Unchanged = 0,
    /// <summary>8-bit grey.</summary>
    Grey = 1,
    /// <summary>8-bit RGB.</summary>
    Color = 2,
    /// <summary>Grey keeping 16-bit depth.</summary>
    GreyAnyDepth = 3,
    /// <summary>8-bit RGB decoded at half size (JPEG decodes faster this way).</summary>
    ColorHalf = 4,
    /// <summary>8-bit RGB at a quarter size.</summary>
    ColorQuarter = 5,
    /// <summary>8-bit RGB at an eighth size.</summary>
    ColorEighth = 6,
}

/// <summary>Resampling methods for <see cref="Cv.Resize"/>.</summary>
public enum Interpolation
{
    /// <summary>Nearest neighbour.</summary>
    Nearest = 0,
    /// <summary>Bilinear.</summary>
    Linear = 1,
    /// <summary>Pixel-area averaging (best for shrinking).</summary>
    Area = 2,
    /// <summary>Bicubic.</summary>
    Cubic = 3,
}

/// <summary>
/// OpenCV's codecs through the bridge. Images are HWC tensors in RGB order: uint8 for 8-bit images,
/// int32 for 16-bit ones (libtorch 1.13 has no uint16), float32 for float images.
/// </summary>
public static class Cv
{
    /// <summary>The OpenCV version the bridge links.</summary>
    public static string Version => torch.ReadString(NativeMethods.wn_opencv_version);

    /// <summary>Decodes JPEG, PNG, TIFF (8/16-bit) or BMP bytes; corrupt bytes give a <see cref="TorchException"/> naming the problem.</summary>
    public static unsafe Tensor Decode(ReadOnlySpan<byte> encoded, ImageReadMode mode = ImageReadMode.Unchanged)
    {
        fixed (byte* p = encoded)
            return Tensor.From(NativeMethods.wn_image_decode(p, encoded.Length, (int)mode, out var r), r);
    }

    /// <summary>Decodes and resizes in one native call (no full-size image crosses the bridge).</summary>
    public static unsafe Tensor DecodeResized(ReadOnlySpan<byte> encoded, int width, int height, ImageReadMode mode = ImageReadMode.Color, Interpolation interpolation = Interpolation.Area)
    {
        fixed (byte* p = encoded)
            return Tensor.From(NativeMethods.wn_image_decode_resize(p, encoded.Length, (int)mode, width, height, (int)interpolation, out var r), r);
    }

    /// <summary>Reads and decodes an image file; the error names the file.</summary>
    public static Tensor Read(string path, ImageReadMode mode = ImageReadMode.Unchanged)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Decode(bytes, mode);
        }
        catch (TorchException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }
    }

    /// <summary>Encodes an HWC (or HW) image; <paramref name="extension"/> is ".png", ".jpg", ".tif" or ".bmp".</summary>
    public static byte[] Encode(Tensor image, string extension, int jpegQuality = 95)
    {
        NativeError.Check(NativeMethods.wn_image_encode(image.Handle, extension, jpegQuality, out var buffer));
        try
        {
            var bytes = new byte[NativeMethods.wn_buffer_size(buffer)];
            System.Runtime.InteropServices.Marshal.Copy(NativeMethods.wn_buffer_data(buffer), bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            NativeMethods.wn_buffer_free(buffer);
        }
    }

    /// <summary>Resizes an HWC image to width × height.</summary>
    public static Tensor Resize(Tensor image, int width, int height, Interpolation interpolation = Interpolation.Area) =>
        Tensor.From(NativeMethods.wn_image_resize(image.Handle, width, height, (int)interpolation, out var r), r);

    /// <summary>Converts colour with an OpenCV code (see <see cref="ColorConversion"/>).</summary>
    public static Tensor CvtColor(Tensor image, ColorConversion code) =>
        Tensor.From(NativeMethods.wn_image_cvt_color(image.Handle, (int)code, out var r), r);

    /// <summary>Draws ASCII text (Hershey simplex, anti-aliased) with the left end of its baseline at (x, y) into a copy of an
    /// HWC uint8 image; characters outside ASCII are drawn as '?'.</summary>
    public static Tensor PutText(Tensor image, string text, int x, int y, double scale, (byte R, byte G, byte B) colour, int thickness = 1) =>
        Tensor.From(NativeMethods.wn_image_put_text(image.Handle, text, x, y, scale, colour.R, colour.G, colour.B, thickness, out var r), r);

    /// <summary>Size of text as <see cref="PutText"/> draws it: width, height above the baseline, and descent below it.</summary>
    public static (int Width, int Height, int Descent) TextSize(string text, double scale, int thickness = 1)
    {
        NativeError.Check(NativeMethods.wn_image_text_size(text, scale, thickness, out var w, out var h, out var d));
        return (w, h, d);
    }

    /// <summary>Gaussian blur with an odd kernel size.</summary>
    public static Tensor GaussianBlur(Tensor image, int kernelSize, double sigma) =>
        Tensor.From(NativeMethods.wn_image_gaussian_blur(image.Handle, kernelSize, sigma, out var r), r);
}

/// <summary>The OpenCV colour conversions Winnow uses (values of cv::ColorConversionCodes).</summary>
public enum ColorConversion
{
    /// <summary>RGB to grey (ITU-R 601 luma).</summary>
    RgbToGrey = 7,
    /// <summary>Grey to RGB.</summary>
    GreyToRgb = 8,
    /// <summary>RGBA to RGB.</summary>
    RgbaToRgb = 1,
    /// <summary>RGB to HSV.</summary>
    RgbToHsv = 41,
    /// <summary>HSV to RGB.</summary>
    HsvToRgb = 55,
}
