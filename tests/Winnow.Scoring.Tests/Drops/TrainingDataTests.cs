using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;

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
        Assert.Equal(a.AllPixels(), b.AllPixels());
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
        Assert.Equal(whole.AllPixels().AsSpan(4 * plane, 2 * plane).ToArray(), tail.AllPixels());
        Assert.Equal(whole.Labels[4..], tail.Labels);
        Assert.Equal(new[] { "sim:4:4", "sim:4:5" }, tail.Sources);
        // A cached set from 0 must not be mistaken for one from a later start of the same length.
        var head = DropImageSet.SimulateCached(dir.Path, 4, 2, 32, 2);
        Assert.Equal(whole.AllPixels().AsSpan(0, 2 * plane).ToArray(), head.AllPixels());
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
        Assert.Equal(well.AllPixels(), again.AllPixels());
        Assert.NotEqual(full.AllPixels(), well.AllPixels());
        Assert.Equal(DropImageSet.ToChw(new DropSimulator(4).Render(1).Jpeg, 32, InputCrop.Well), well.Image(1).ToArray());
        Assert.Single(Directory.GetFiles(dir.Path, "drops-seed4-n2-s32-well.bin"));
        Assert.Equal(InputCrop.Well, well.Subset([1]).Crop);
    }

    [Fact]
    public void ASetLargerThanOneArrayCanHoldIsBatchedAndSplit()
    {
        // 5,000 images at 384² are 2.2 GB, more than one .NET array holds (the old cap was 4,854). The images share two
        // buffers here so the test needs 1 MB, not 2.2 GB; the set indexes them as any other.
        const int size = 384, n = 5000;
        var plane = 3 * size * size;
        byte[] dark = new byte[plane], bright = Enumerable.Repeat((byte)255, plane).ToArray();
        var images = Enumerable.Range(0, n).Select(i => i == n - 1 ? bright : dark).ToArray();
        var set = new DropImageSet(size, InputCrop.Well, images, Enumerable.Range(0, n).Select(i => i % 4).ToArray(), Enumerable.Range(0, n).Select(i => $"sim:0:{i}").ToArray());
        Assert.True((long)set.Count * plane > Array.MaxLength);

        using (torch.NewScope())
        {
            var batch = set.Batch([0, n - 1]);
            Assert.Equal(1.0, batch.Slice(0, 1, 2).Min().Item(), 6);
            Assert.Equal(0.0, batch.Slice(0, 0, 1).Max().Item(), 6);
        }

        var (train, held) = set.Split(0.1, 1);
        Assert.Equal(n, train.Count + held.Count);
        var tail = held.Sources.Contains($"sim:0:{n - 1}") ? held : train;
        Assert.Equal(255, tail.Image(Array.IndexOf(tail.Sources, $"sim:0:{n - 1}"))[plane - 1]);
    }

    [Fact]
    public void ACacheCutShortOrClaimingTooMuchIsRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var set = DropImageSet.SimulateCached(dir.Path, 4, 3, 32, 2);
        var path = Directory.GetFiles(dir.Path, "*.bin").Single();
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(set.Image(2).ToArray(), DropImageSet.Load(path).Image(2).ToArray());

        // Ten bytes short: the file still holds as many bytes as the header's images need, so only reading them finds it.
        File.WriteAllBytes(path, bytes[..^10]);
        var cut = Assert.Throws<InvalidDataException>(() => DropImageSet.Load(path));
        Assert.Equal($"{path}: truncated drop image cache (image 2 of 3 is cut short); delete it to re-simulate.", cut.Message);

        // A header claiming 10^9 images of 384² (about 4.4 × 10^14 bytes) is refused before anything is allocated.
        var huge = bytes.ToArray();
        BitConverter.GetBytes(384).CopyTo(huge, 4);
        BitConverter.GetBytes(1_000_000_000).CopyTo(huge, 8);
        File.WriteAllBytes(path, huge);
        var claim = Assert.Throws<InvalidDataException>(() => DropImageSet.Load(path));
        Assert.StartsWith($"{path}: the drop image cache header claims 1000000000 images of 384²", claim.Message);
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
