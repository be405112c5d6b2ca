using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Tests.Common;

public class PlotTests
{
    private static (int MinX, int MinY, int MaxX, int MaxY, int Count) InkBox(PlotCanvas canvas, int x0, int y0, int x1, int y1)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                var c = canvas.Get(x, y);
                if (c.R > 128 || c.G > 128 || c.B > 128) continue;
                count++;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            }
        return (minX, minY, maxX, maxY, count);
    }

    [Fact]
    public void AxesMapDataCornersToTheFrameAndClampOutliersOntoIt()
    {
        var axes = new PlotAxes(new PlotCanvas(200, 100), 20, 10, 180, 90, 1, 9, 0, 1);
        Assert.Equal((20, 90), axes.At(1, 0));
        Assert.Equal((180, 10), axes.At(9, 1));
        Assert.Equal((100, 50), axes.At(5, 0.5));
        Assert.Equal((180, 90), axes.At(30, -2));
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1.0 }, PlotAxes.Ticks(0, 1, 0.25).ToArray());
    }

    [Fact]
    public void HorizontalTextRunsAcrossAndVerticalTextRunsUp()
    {
        var canvas = new PlotCanvas(300, 300);
        canvas.Text("true-positive rate", 150, 40, PlotCanvas.Ink, TextAlign.Centre, 0.5);
        var across = InkBox(canvas, 0, 0, 300, 100);
        Assert.True(across.MaxX - across.MinX > 3 * (across.MaxY - across.MinY), $"horizontal text box {across}");
        Assert.InRange((across.MinX + across.MaxX) / 2, 145, 155);
        Assert.InRange(across.MaxY, 35, 46);

        canvas.VerticalText("true-positive rate", 20, 200, PlotCanvas.Ink, 0.5);
        var up = InkBox(canvas, 0, 100, 300, 300);
        Assert.True(up.MaxY - up.MinY > 3 * (up.MaxX - up.MinX), $"vertical text box {up}");
        Assert.InRange((up.MinY + up.MaxY) / 2, 195, 205);
        Assert.InRange(up.MinX, 19, 24);
    }

    [Fact]
    public void RocPlotDrawsEachCurveInItsColourWithNumberedAxesAndALegend()
    {
        var path = Path.Combine(Path.GetTempPath(), $"winnow-roc-{Guid.NewGuid():N}.png");
        try
        {
            // A curve along the top-left corner: (0,0) → (0,1) → (1,1).
            var perfect = new List<RocPoint> { new(1, 0, 0), new(0.5, 1, 0), new(0, 1, 1) };
            RocPlot.Write(path, [("Crystals", [("model", perfect, new RocPoint(0.5, 1, 0))]), ("Clear", [("model", perfect, null)])]);
            using var scope = torch.NewScope();
            var image = Cv.Read(path, ImageReadMode.Color);
            Assert.Equal(new long[] { 400, 800, 3 }, image.Shape);
            var px = image.ToArray<byte>();
            (byte R, byte G, byte B) At(int x, int y) { int i = (y * 800 + x) * 3; return (px[i], px[i + 1], px[i + 2]); }
            // The left edge of the first panel's frame (x = 72) carries the red curve from TPR 0 to 1.
            Assert.Equal((200, 30, 30), At(73, 200));
            // Tick labels put ink left of the frame (the y numbers) and below it (the x numbers), in both panels.
            for (int panel = 0; panel < 2; panel++)
            {
                int ox = panel * 400, inkLeft = 0, inkBelow = 0;
                for (int y = 30; y < 342; y++) for (int x = ox + 30; x < ox + 66; x++) if (At(x, y).R < 100) inkLeft++;
                for (int y = 348; y < 365; y++) for (int x = ox + 72; x < ox + 384; x++) if (At(x, y).R < 100) inkBelow++;
                Assert.True(inkLeft > 60 && inkBelow > 60, $"panel {panel}: {inkLeft} / {inkBelow} inked label pixels");
            }
        }
        finally { File.Delete(path); }
    }
}
