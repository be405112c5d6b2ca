using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Common;

/// <summary>
/// Decodes a photograph to a model's input: the whole frame resized (one native call), or with
/// <see cref="InputCrop.Well"/> the square around the well, found on a thumbnail of the decoded frame.
/// </summary>
public static class RasterFraming
{
    /// <summary>Thumbnail width the well is looked for on: the rim is tens of pixels wide even there, and the search is about 0.1 ms.</summary>
    public const int ThumbnailWidth = 160;

    /// <summary>Decodes JPEG/PNG bytes to an HWC uint8 tensor of width × height, framed as <paramref name="crop"/> says.</summary>
    public static Tensor DecodeResized(ReadOnlySpan<byte> encoded, int width, int height, ImageReadMode mode, InputCrop crop)
    {
        if (crop == InputCrop.Full) return Cv.DecodeResized(encoded, width, height, mode);
        using var scope = torch.NewScope();
        var frame = Cv.Decode(encoded, mode);
        var box = LocateWell(frame);
        var framed = box is { } b ? frame.Slice(0, b.Y, b.Y + b.Height).Slice(1, b.X, b.X + b.Width) : frame;
        return Cv.Resize(framed, width, height).MoveToOuterDisposeScope();
    }

    /// <summary>The well's square in a decoded HWC uint8 frame (grey or RGB), or null where none is found.</summary>
    public static PixelBox? LocateWell(Tensor frame)
    {
        using var scope = torch.NewScope();
        int h = (int)frame.Shape[0], w = (int)frame.Shape[1];
        var thumbHeight = Math.Max(1, (int)Math.Round((double)ThumbnailWidth * h / w));
        var thumb = Cv.Resize(frame, ThumbnailWidth, thumbHeight);
        var grey = frame.Dim == 3 && frame.Shape[2] == 3 ? Cv.CvtColor(thumb, ColorConversion.RgbToGrey) : thumb;
        return WellLocator.Locate(grey.Contiguous().ToArray<byte>(), ThumbnailWidth, thumbHeight, w, h);
    }
}
