using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Drops;

public class TrainingDataTests
{
    [Fact]
    public void FolderSetsReadClassFoldersAndSplitEveryClass()
    {
        using var dir = new TempDirectory();
        var sim = new DropSimulator(21);
        for (var i = 0; i < 20; i++)
        {
            var drop = sim.Render(i);
            var folder = Directory.CreateDirectory(Path.Combine(dir.Path, drop.Label.Class.ToString().ToLowerInvariant()));
            File.WriteAllBytes(Path.Combine(folder.FullName, $"{i}.jpg"), drop.Jpeg);
        }
        var set = DropImageSet.FromFolder(dir.Path, 32);
        Assert.Equal(20, set.Count);
        Assert.Equal(5, set.Labels.Count(l => l == (int)DropClass.Crystals));
        var (train, held) = set.Split(0.2, 1);
        Assert.Equal(16, train.Count);
        Assert.Equal(4, held.Count);
        Assert.Equal(4, held.Labels.Distinct().Count());
        Assert.Empty(train.Sources.Intersect(held.Sources));

        // A photograph cut short in a class folder would train on grey rows; fine-tuning stops and names it instead.
        var jpeg = sim.Render(99).Jpeg;
        var cut = Path.Combine(dir.Path, "clear", "cut.jpg");
        File.WriteAllBytes(cut, jpeg[..(jpeg.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => DropImageSet.FromFolder(dir.Path, 32));
        Assert.StartsWith($"{cut}: cannot be decoded (is a truncated JPEG", truncated.Message);
        File.Delete(cut);

        Directory.CreateDirectory(Path.Combine(dir.Path, "Nonsense"));
        var e = Assert.Throws<InvalidDataException>(() => DropImageSet.FromFolder(dir.Path, 32));
        Assert.Contains("Nonsense", e.Message);
    }

    [Fact]
    public void CachedSetsReadBackIdentical()
    {
        using var dir = new TempDirectory();
        var a = DropImageSet.SimulateCached(dir.Path, 4, 6, 32, 2);
        var b = DropImageSet.SimulateCached(dir.Path, 4, 6, 32, 2);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(new[] { 0, 1, 2, 3, 0, 1 }, a.Labels);
    }

    [Fact]
    public void SetsFromALaterStartAreTheSameScenesAndCacheApart()
    {
        using var dir = new TempDirectory();
        var whole = DropImageSet.SimulateCached(dir.Path, 4, 6, 32, 2);
        var tail = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2, start: 4);
        var plane = 3 * 32 * 32;
        Assert.Equal(whole.Pixels.AsSpan(4 * plane, 2 * plane).ToArray(), tail.Pixels);
        Assert.Equal(whole.Labels[4..], tail.Labels);
        Assert.Equal(new[] { "sim:4:4", "sim:4:5" }, tail.Sources);
        // A cached set from 0 must not be mistaken for one from a later start of the same length.
        var head = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2);
        Assert.Equal(whole.Pixels.AsSpan(0, 2 * plane).ToArray(), head.Pixels);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "drops-seed4-*n2-*").Length);
    }

    [Fact]
    public void WellFramedSetsCacheApartAndReadBackWithTheirFraming()
    {
        using var dir = new TempDirectory();
        var full = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2);
        var well = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2, crop: InputCrop.Well);
        var again = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2, crop: InputCrop.Well);
        Assert.Equal(InputCrop.Full, full.Crop);
        Assert.Equal(InputCrop.Well, again.Crop);
        Assert.Equal(well.Pixels, again.Pixels);
        Assert.NotEqual(full.Pixels, well.Pixels);
        Assert.Equal(DropImageSet.ToChw(new DropSimulator(4).Render(1).Jpeg, 32, InputCrop.Well), well.Pixels.AsSpan(3 * 32 * 32).ToArray());
        Assert.Single(Directory.GetFiles(dir.Path, "drops-seed4-n2-s32-well.bin"));
        Assert.Equal(InputCrop.Well, well.Subset([1]).Crop);
    }

    [Fact]
    public void ASetTooLargeForOneArrayIsRefusedBeforeSimulating()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DropImageSet.Simulate(1, 5000, 384));
        Assert.Contains("at most 4854 fit", e.Message);
    }

    [Fact]
    public void TextureBaselineLearnsTheSimulatedClassesBetterThanChance()
    {
        var train = DropImageSet.Simulate(31, 96, 96, 2);
        var test = DropImageSet.Simulate(32, 48, 96, 2);
        var baseline = DropsBaseline.Fit(train, iterations: 400);
        var e = DropsEvaluate.Evaluate(baseline.Predict(test), test.Labels, new Dictionary<string, double>());
        Assert.True(e.Accuracy > 0.4, $"baseline accuracy {e.Accuracy:P0} is no better than guessing among four classes");
    }
}
