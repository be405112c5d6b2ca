using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Tests.Common;

public class WellLocatorTests
{
    /// <summary>A grey frame: plate (bright) outside a dark ring whose bright interior has centre (cx, cy) and radius r.</summary>
    private static byte[] Disc(int w, int h, double cx, double cy, double r, double rim)
    {
        var g = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var d = Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy));
                g[y * w + x] = d < r ? (byte)210 : d < r + rim ? (byte)25 : (byte)170;
            }
        return g;
    }

    [Fact]
    public void TheSquareHoldsTheInteriorWithItsMarginAndStaysInTheFrame()
    {
        // Thumbnail and frame the same size, so the expected square is exact up to the margin's rounding.
        var box = WellLocator.Locate(Disc(160, 134, 85, 66, 50, 12), 160, 134, 160, 134);
        Assert.NotNull(box);
        var (x, y, side) = (box.Value.X, box.Value.Y, box.Value.Width);
        Assert.Equal(side, box.Value.Height);
        Assert.InRange(side, 100 * (1 + 2 * WellLocator.Margin) - 1, 100 * (1 + 2 * WellLocator.Margin) + 2);
        Assert.InRange(x + side / 2.0, 84, 86);
        Assert.InRange(y + side / 2.0, 65, 67);

        // On a photograph eight times the thumbnail, the square scales with it.
        var big = WellLocator.Locate(Disc(160, 134, 85, 66, 50, 12), 160, 134, 1280, 1072)!.Value;
        Assert.InRange(big.Width, 8 * 100, 8 * 108);
        Assert.InRange(big.X + big.Width / 2.0, 8 * 84, 8 * 86);

        // A well near the top edge: the square is shifted down into the frame, not shrunk.
        var top = WellLocator.Locate(Disc(160, 134, 80, 54, 52, 2), 160, 134, 160, 134)!.Value;
        Assert.Equal(0, top.Y);
        Assert.InRange(top.Width, 104, 112);
    }

    [Fact]
    public void NothingIsFoundWhereThereIsNoEnclosedRoundInterior()
    {
        // All bright (no rim); an interior that runs off the frame (a well filling the picture); a thin bright slot.
        Assert.Null(WellLocator.Locate(Enumerable.Repeat((byte)200, 160 * 120).ToArray(), 160, 120, 160, 120));
        Assert.Null(WellLocator.Locate(Disc(160, 120, 80, 60, 70, 30), 160, 120, 160, 120));
        var slot = Enumerable.Repeat((byte)20, 160 * 120).ToArray();
        for (var y = 10; y < 110; y++) for (var x = 70; x < 90; x++) slot[y * 160 + x] = 220;
        Assert.Null(WellLocator.Locate(slot, 160, 120, 160, 120));
        Assert.Throws<ArgumentException>(() => WellLocator.Locate(new byte[10], 160, 120, 160, 120));
    }

    [Fact]
    public void SimulatedPhotographsAreCroppedToTheirWell()
    {
        // The simulator's well interior is 0.76–0.92 of the frame's height across, centred within ±25 px (σ) of the middle.
        var simulator = new DropSimulator(5);
        for (var i = 0; i < 24; i++)
        {
            using var scope = torch.NewScope();
            var frame = Cv.Decode(simulator.Render(i).Jpeg, ImageReadMode.Color);
            var box = RasterFraming.LocateWell(frame);
            Assert.True(box.HasValue, $"photograph {i}: no well found");
            Assert.InRange(box.Value.Width, 0.74 * DropSimulator.Height, 0.99 * DropSimulator.Height);
            Assert.InRange(box.Value.X + box.Value.Width / 2.0, DropSimulator.Width / 2.0 - 110, DropSimulator.Width / 2.0 + 110);
        }
    }

    [Fact]
    public void RealPhotographsAreCroppedWhereTheWellIsInsideTheFrame()
    {
        using var scope = torch.NewScope();
        var photographs = Directory.GetFiles(SharedData.Path("drops")).Where(DropImageSet.IsImage).Order().ToList();
        // 90j8 (Formulatrix, 1224×1024): the whole well with its rim; the interior is about 0.87 of the height.
        var plate = photographs.Where(f => Path.GetFileName(f).StartsWith("90j8_")).ToList();
        Assert.Equal(48, plate.Count);
        foreach (var file in plate)
        {
            using var inner = torch.NewScope();
            var box = RasterFraming.LocateWell(Cv.Read(file, ImageReadMode.Color));
            Assert.True(box.HasValue, file);
            Assert.InRange(box.Value.Width, 850, 1000);
        }
        // marco_gsk (1280×960): the well fills the picture and its interior runs off the frame, so the whole frame is kept.
        var marco = photographs.Where(f => Path.GetFileName(f).StartsWith("marco_gsk_")).ToList();
        Assert.Equal(7, marco.Count);
        Assert.All(marco, f => Assert.Null(RasterFraming.LocateWell(Cv.Read(f, ImageReadMode.Color))));
        // The two high-resolution crystal photographs (2532×2028) show the whole well: found, about 0.98 of the height.
        foreach (var name in new[] { "big_crystals_3.jpg", "small_crystals_2.jpg" })
            Assert.InRange(RasterFraming.LocateWell(Cv.Read(SharedData.Path($"drops/{name}"), ImageReadMode.Color))!.Value.Width, 1800, 2028);
    }

    [Fact]
    public void WellFramedDecodingIsTheCropResized()
    {
        var jpeg = new DropSimulator(9).Render(2).Jpeg;
        using var scope = torch.NewScope();
        var frame = Cv.Decode(jpeg, ImageReadMode.Color);
        var b = RasterFraming.LocateWell(frame)!.Value;
        var expected = Cv.Resize(frame.Slice(0, b.Y, b.Y + b.Height).Slice(1, b.X, b.X + b.Width), 48, 48).ToArray<byte>();
        Assert.Equal(expected, RasterFraming.DecodeResized(jpeg, 48, 48, ImageReadMode.Color, InputCrop.Well).ToArray<byte>());
        // Full framing is the plain decode-and-resize, as before the option existed.
        Assert.Equal(Cv.DecodeResized(jpeg, 48, 48).ToArray<byte>(), RasterFraming.DecodeResized(jpeg, 48, 48, ImageReadMode.Color, InputCrop.Full).ToArray<byte>());
        Assert.Equal(3 * 48 * 48, DropImageSet.ToChw(jpeg, 48, InputCrop.Well).Length);
        Assert.NotEqual(DropImageSet.ToChw(jpeg, 48, InputCrop.Well), DropImageSet.ToChw(jpeg, 48));
    }
}
