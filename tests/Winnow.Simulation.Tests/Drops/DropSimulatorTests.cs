using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Simulation.Tests.Drops;

public class DropSimulatorTests
{
    private static double RegionMean(Tensor hwc, int x0, int y0, int w, int h)
    {
        using var scope = torch.NewScope();
        return hwc[y0..(y0 + h), x0..(x0 + w)].To(ScalarType.Float32).Mean().Item();
    }

    [Fact]
    public void SameSeedAndIndexGiveTheSameJpegOtherIndicesDiffer()
    {
        var a = new DropSimulator(5).Render(3);
        var b = new DropSimulator(5).Render(3);
        var c = new DropSimulator(5).Render(7);
        var d = new DropSimulator(6).Render(3);
        Assert.Equal(a.Jpeg, b.Jpeg);
        Assert.NotEqual(a.Jpeg, c.Jpeg);
        Assert.NotEqual(a.Jpeg, d.Jpeg);
    }

    [Fact]
    public void PhotographsAre1224By1024ColourJpegsWithADarkRimAroundABrightWell()
    {
        for (var i = 0; i < 4; i++)
        {
            var drop = new DropSimulator(11).Render(i);
            Assert.Equal(0xFF, drop.Jpeg[0]);
            Assert.Equal(0xD8, drop.Jpeg[1]);
            using var image = Cv.Decode(drop.Jpeg, ImageReadMode.Color);
            Assert.Equal(new long[] { 1024, 1224, 3 }, image.Shape);
            // The well floor around the centre is bright; somewhere on the horizontal line through it, between the
            // well edge (≤ 0.46 H) and the rim's outer edge (≥ 0.42 H), lies the dark rim.
            var centre = RegionMean(image, 1224 / 2 - 40, 1024 / 2 - 40, 80, 80);
            var darkest = Enumerable.Range(0, 60).Select(k => RegionMean(image, 612 + 380 + k * 3, 500, 3, 24)).Min();
            Assert.True(centre > 60, $"image {i}: centre mean {centre:0} should be bright");
            Assert.True(darkest < centre * 0.5, $"image {i}: no dark rim right of the well (darkest {darkest:0}, centre {centre:0})");
        }
    }

    [Fact]
    public void ClassesCycleAndLabelsFollowMarcoPriority()
    {
        Assert.Equal(new[] { DropClass.Clear, DropClass.Crystals, DropClass.Precipitate, DropClass.Other, DropClass.Clear },
            Enumerable.Range(0, 5).Select(i => DropSimulator.ClassOf(i)));
        Assert.Equal(DropClass.Crystals, DropClasses.Label([DropClass.Precipitate, DropClass.Other, DropClass.Crystals]));
        Assert.Equal(DropClass.Precipitate, DropClasses.Label([DropClass.Other, DropClass.Precipitate]));
        Assert.Equal(DropClass.Other, DropClasses.Label([DropClass.Other]));
        Assert.Equal(DropClass.Clear, DropClasses.Label([]));
        // Rendered mixtures keep the target label: crystals with precipitate are still Crystals.
        var sim = new DropSimulator(2);
        for (var i = 0; i < 24; i += 1)
        {
            if (DropSimulator.ClassOf(i) != DropClass.Crystals) continue;
            var label = sim.Render(i).Label;
            Assert.Equal(DropClass.Crystals, label.Class);
            Assert.Contains(label.Contents, c => c.StartsWith("crystals:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryCrystalIsMarkedWhereItLiesAndOnlyCrystalDropsHaveMarks()
    {
        var simulator = new DropSimulator(8, mixtures: new DropMixtures(1, 0));
        for (var i = 0; i < 12; i++)
        {
            var label = simulator.Render(i).Label;
            if (label.Class != DropClass.Crystals)
            {
                Assert.Empty(label.Crystals);
                Assert.Equal(label.Class, label.ClassWithoutCrystals);
                continue;
            }
            Assert.NotEmpty(label.Crystals);
            foreach (var m in label.Crystals)
            {
                // Inside the frame, and as large as the painter draws them (showers 7–16 px across, the rest from 10 px).
                Assert.InRange(m.Centre.X, 0, DropSimulator.Width);
                Assert.InRange(m.Centre.Y, 0, DropSimulator.Height);
                Assert.InRange(Math.Max(m.Right - m.Left, m.Bottom - m.Top), 3, DropSimulator.Width);
            }
            // Every crystal drop here also holds precipitate (rate 1), which is what its tiles without crystals show.
            Assert.Equal(DropClass.Precipitate, label.ClassWithoutCrystals);
        }
    }

    [Fact]
    public void SetWriterWritesImagesAndLabelsThatReadBack()
    {
        using var dir = new TempDirectory();
        var labels = DropSetWriter.Write(dir.Path, 8, 4);
        Assert.Equal(8, Directory.GetFiles(dir.Path, "*.jpg").Length);
        var read = DropSetWriter.ReadLabels(dir.Path);
        Assert.Equal(8, read.Count);
        for (var i = 0; i < 8; i++) Assert.Equal(labels[i].Class, read[DropSetWriter.FileName(i)]);
        Assert.Equal(2, read.Values.Count(c => c == DropClass.Crystals));
    }

    [Fact]
    public void BackgroundsAreRealPhotographsWithContentsDrawnOnTop()
    {
        var background = SharedData.Path("drops/90j8_01A_1.jpg");
        using var original = Cv.Read(background, ImageReadMode.Color);
        var drop = new DropSimulator(9, [background]).Render(1); // a Crystals image
        Assert.Equal(background, drop.Label.Background);
        using var image = Cv.Decode(drop.Jpeg, ImageReadMode.Color);
        Assert.Equal(original.Shape, image.Shape);
        // Away from the drop (a corner of the plate), the photograph is the background, up to blur, noise and JPEG.
        var corner = Math.Abs(RegionMean(image, 20, 20, 120, 120) - RegionMean(original, 20, 20, 120, 120));
        Assert.True(corner < 8, $"corner differs from the background by {corner:0.0} grey levels");
        // In the drop, crystals were drawn: the centre is not the background any more.
        using var scope = torch.NewScope();
        var diff = (image[312..712, 412..812].To(ScalarType.Float32) - original[312..712, 412..812].To(ScalarType.Float32)).Abs();
        var changed = (diff > 25).To(ScalarType.Float32).Mean().Item();
        Assert.True(changed > 0.0005, $"only {changed:P3} of the drop changed");
    }
}
