using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;

namespace Winnow.Scoring.Tests.Drops;

public class DropsScorerTests
{
    private static string SaveRandomModel(TempDirectory dir, out Winnow.Torch.nn.ResNet model)
    {
        torch.ManualSeed(3);
        model = DropsModel.Create();
        var card = DropsModel.NewCard("test-drops", 64);
        card.Thresholds = new Dictionary<string, double> { ["Crystals"] = 0.0, ["Clear"] = 1.1 };
        var weights = dir.File("m.safetensors");
        DropsModel.Save(model, card, weights);
        return weights;
    }

    [Fact]
    public void Float16WeightsAreUnder25MegabytesAndScoreLikeTheFloat32Model()
    {
        using var dir = new TempDirectory();
        var weights = SaveRandomModel(dir, out var model);
        using var _ = model;
        Assert.True(new FileInfo(weights).Length < 25_000_000, $"{new FileInfo(weights).Length} bytes");
        var files = Enumerable.Range(0, 3).Select(i =>
        {
            var path = dir.File($"d{i}.jpg");
            File.WriteAllBytes(path, new DropSimulator(1).Render(i).Jpeg);
            return path;
        }).ToList();
        using var scorer = DropsScorer.Open(weights);
        var set = DropImageSet.FromFolderFiles(files, 64);
        using var scope = torch.NewScope();
        model.Eval();
        using var noGrad = torch.NoGrad();
        var expected = Winnow.Torch.nn.F.Softmax(model.Forward(DropsModel.Normalise(set.Batch([0, 1, 2]))), 1).ToArray<float>();
        var scores = scorer.Score(files);
        for (var i = 0; i < 3; i++)
            for (var c = 0; c < 4; c++)
                Assert.Equal(expected[i * 4 + c], scores[i].Probabilities[DropClasses.Names[c]], 2);
        Assert.All(scores, s => Assert.Equal(ModelFiles.ContentHash(weights), s.ModelId));
        // Thresholds 0 and 1.1: every image flagged crystal, none clear.
        Assert.All(scores, s => Assert.True(s.Flags["crystal"]));
        Assert.All(scores, s => Assert.False(s.Flags["clear"]));
    }

    [Fact]
    public void AWellFramedModelScoresTheWellAndRefusesSetsFramedOtherwise()
    {
        using var dir = new TempDirectory();
        var weights = SaveRandomModel(dir, out var model);
        using var _ = model;
        var card = ModelFiles.LoadCard(weights);
        card.Input.Crop = "well";
        card.Save(ModelFiles.CardPath(weights));
        var file = dir.File("d.jpg");
        File.WriteAllBytes(file, new DropSimulator(1).Render(1).Jpeg);
        using var scorer = DropsScorer.Open(weights);
        var well = DropImageSet.FromFolderFiles([file], 64, InputCrop.Well);
        var fromSet = scorer.Probabilities(well);
        var fromFile = scorer.Score([file])[0];
        for (var c = 0; c < 4; c++) Assert.Equal(fromSet[c], fromFile.Probabilities[DropClasses.Names[c]], 4);
        var e = Assert.Throws<ArgumentException>(() => scorer.Probabilities(DropImageSet.FromFolderFiles([file], 64)));
        Assert.Contains("framed 'full'", e.Message);

        card.Input.Crop = "drop";
        card.Save(ModelFiles.CardPath(weights));
        var bad = Assert.Throws<InvalidDataException>(() => DropsScorer.Open(weights));
        Assert.Equal("the model card of test-drops: input crop 'drop' is not known; use full or well.", bad.Message);
    }

    [Fact]
    public void AnUnreadableFileIsNamedAndTheOthersAreScored()
    {
        using var dir = new TempDirectory();
        var weights = SaveRandomModel(dir, out var model);
        model.Dispose();
        var good = dir.File("good.jpg");
        File.WriteAllBytes(good, new DropSimulator(1).Render(0).Jpeg);
        var bad = dir.File("bad.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3]);
        var missing = dir.File("missing.jpg");
        // libjpeg decodes a photograph cut off half-way without complaint (grey rows); it must be refused, not scored.
        var cut = dir.File("cut.jpg");
        var jpeg = new DropSimulator(1).Render(1).Jpeg;
        File.WriteAllBytes(cut, jpeg[..(jpeg.Length / 2)]);
        using var scorer = DropsScorer.Open(weights);
        var scores = scorer.Score([bad, good, missing, cut]);
        Assert.False(scores[3].Ok);
        Assert.Equal($"{cut}: is a truncated JPEG (no end-of-image marker): the file was cut short while being written or copied", scores[3].Error);
        Assert.False(scores[0].Ok);
        Assert.Contains("bad.jpg", scores[0].Error);
        Assert.True(scores[1].Ok);
        Assert.Contains(scores[1].Class, DropClasses.Names);
        Assert.Equal(1.0, scores[1].Probabilities.Values.Sum(), 4);
        Assert.False(scores[2].Ok);
        Assert.Contains("missing.jpg", scores[2].Error);
    }
}
