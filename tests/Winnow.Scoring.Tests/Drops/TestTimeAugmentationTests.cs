using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;

namespace Winnow.Scoring.Tests.Drops;

public class TestTimeAugmentationTests
{
    private static string SaveModel(TempDirectory dir, string tta, int height = 64, int width = 64)
    {
        torch.ManualSeed(5);
        using var model = DropsModel.Create();
        var card = DropsModel.NewCard("tta-drops", 64);
        card.Input.Height = height;
        card.Input.Width = width;
        card.TestTimeAugmentation = tta;
        var weights = dir.File("m.safetensors");
        DropsModel.Save(model, card, weights);
        return weights;
    }

    private static List<string> Photographs(TempDirectory dir, int n) => Enumerable.Range(0, n).Select(i =>
    {
        var path = dir.File($"d{i}.jpg");
        File.WriteAllBytes(path, new DropSimulator(4).Render(i).Jpeg);
        return path;
    }).ToList();

    [Fact]
    public void Dihedral8AveragesTheProbabilitiesOfTheEightTurnedAndMirroredViews()
    {
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.Dihedral8);
        var files = Photographs(dir, 3);
        var set = DropImageSet.FromFolderFiles(files, 64);
        using var scope = torch.NewScope();
        using var batch = set.Batch([0, 1, 2]);
        // Reference: the same weights with no augmentation, run on each view built by hand with libtorch's flip/rot90.
        var plainCard = ModelFiles.LoadCard(weights) with { TestTimeAugmentation = TestTimeViews.None };
        plainCard.Save(ModelFiles.CardPath(weights));
        var expected = new double[12];
        using (var plain = DropsScorer.Open(weights))
        {
            for (var k = 0; k < 4; k++)
            {
                foreach (var mirror in new[] { false, true })
                {
                    var turned = batch.Rot90(k, 2, 3);
                    var p = plain.Probabilities(mirror ? turned.Flip(3) : turned).ToArray<float>();
                    for (var i = 0; i < 12; i++) expected[i] += p[i] / 8.0;
                }
            }
        }
        (plainCard with { TestTimeAugmentation = TestTimeViews.Dihedral8 }).Save(ModelFiles.CardPath(weights));
        using var augmented = DropsScorer.Open(weights);
        var got = augmented.Probabilities(set);
        for (var i = 0; i < 12; i++) Assert.Equal(expected[i], got[i], 4);
        // Scoring files takes the same path as scoring a decoded set.
        var scores = augmented.Score(files);
        for (var i = 0; i < 3; i++)
            for (var c = 0; c < 4; c++)
                Assert.Equal(expected[i * 4 + c], scores[i].Probabilities[DropClasses.Names[c]], 3);
    }

    [Fact]
    public void TrainingsPredictionWithEightViewsMatchesTheAugmentedScorer()
    {
        // Fine-tuning tunes thresholds with DropsRecipe.Predict; with a dihedral8 card it must see what the scorer sees.
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.Dihedral8);
        var set = DropImageSet.FromFolderFiles(Photographs(dir, 3), 64);
        var (net, card) = DropsModel.Load(weights);
        using var _ = net;
        var predicted = DropsRecipe.Predict(net, set, TestTimeViews.Count(card));
        var single = DropsRecipe.Predict(net, set);
        using var scorer = DropsScorer.Open(weights);
        var scored = scorer.Probabilities(set);
        for (var i = 0; i < scored.Length; i++) Assert.Equal(scored[i], predicted[i], 4);
        Assert.True(Enumerable.Range(0, scored.Length).Max(i => Math.Abs(scored[i] - single[i])) > 1e-4);
    }

    [Fact]
    public void AMirroredOrTurnedPhotographScoresTheSameUnderDihedral8()
    {
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.Dihedral8);
        var set = DropImageSet.FromFolderFiles(Photographs(dir, 1), 64);
        using var scope = torch.NewScope();
        using var batch = set.Batch([0]);
        using var scorer = DropsScorer.Open(weights);
        var original = scorer.Probabilities(batch).ToArray<float>();
        var mirrored = scorer.Probabilities(batch.Flip(3)).ToArray<float>();
        var turned = scorer.Probabilities(batch.Rot90(1, 2, 3)).ToArray<float>();
        var plainCard = ModelFiles.LoadCard(weights) with { TestTimeAugmentation = TestTimeViews.None };
        plainCard.Save(ModelFiles.CardPath(weights));
        using var plain = DropsScorer.Open(weights);
        var plainOriginal = plain.Probabilities(batch).ToArray<float>();
        var plainMirrored = plain.Probabilities(batch.Flip(3)).ToArray<float>();
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(original[c], mirrored[c], 4);
            Assert.Equal(original[c], turned[c], 4);
        }
        // Without augmentation the random network does tell a mirrored photograph apart (so the test can fail).
        Assert.True(Enumerable.Range(0, 4).Max(c => Math.Abs(plainOriginal[c] - plainMirrored[c])) > 1e-4);
    }

    [Fact]
    public void AnUnknownSettingOrANonSquareInputIsAnErrorNamingTheModel()
    {
        using var dir = new TempDirectory();
        var unknown = SaveModel(dir, "rotate-a-bit");
        var e = Assert.Throws<InvalidDataException>(() => DropsScorer.Open(unknown));
        Assert.Contains("tta-drops", e.Message);
        Assert.Contains("rotate-a-bit", e.Message);
        using var dir2 = new TempDirectory();
        var oblong = SaveModel(dir2, TestTimeViews.Dihedral8, height: 48, width: 64);
        var e2 = Assert.Throws<InvalidDataException>(() => DropsScorer.Open(oblong));
        Assert.Contains("square", e2.Message);
    }

    [Fact]
    public void CalibrationSetsTheAugmentationAndTunesThresholdsThatKeepTheTargetRateOnValidation()
    {
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.None);
        var validation = DropImageSet.Simulate(9, 24, 64, 2);
        var report = DropsCalibrate.Run(weights, validation, "simulated validation seed 9 × 24", TestTimeViews.Dihedral8, null, 0.8, false, "test");
        var card = ModelFiles.LoadCard(weights);
        Assert.Equal(TestTimeViews.Dihedral8, card.TestTimeAugmentation);
        Assert.Equal(report.Thresholds, card.Thresholds);
        Assert.Equal("simulated validation seed 9 × 24", card.Postprocessing["thresholds"]!["tuned_on"]!.GetValue<string>());
        foreach (var cls in Thresholds.Flags.Keys) Assert.True(report.Validation.AtThreshold[cls].TruePositiveRate >= 0.8, $"{cls}: TPR {report.Validation.AtThreshold[cls].TruePositiveRate}");
        // The thresholds are those of the augmented probabilities: recomputing them with the saved card gives the same.
        using var scorer = DropsScorer.Open(weights);
        Assert.Equal(report.Thresholds, Thresholds.Tune(scorer.Probabilities(validation), validation.Labels, card.Classes, 0.8));
    }

    [Fact]
    public void AFailedCalibrationLeavesTheCardAsItWas()
    {
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.None);
        var before = File.ReadAllText(ModelFiles.CardPath(weights));
        var wrongSize = DropImageSet.Simulate(9, 8, 32, 2);
        Assert.Throws<ArgumentException>(() => DropsCalibrate.Run(weights, wrongSize, "x", TestTimeViews.Dihedral8, null, 0.8, false, "test"));
        Assert.Equal(before, File.ReadAllText(ModelFiles.CardPath(weights)));
    }

    [Fact]
    public void CalibrationWithClassWeightsSavesWeightsTheScorerAndEvaluationDecideWith()
    {
        using var dir = new TempDirectory();
        var weights = SaveModel(dir, TestTimeViews.None);
        var validation = DropImageSet.Simulate(9, 40, 64, 2);
        var report = DropsCalibrate.Run(weights, validation, "simulated validation seed 9 × 40", TestTimeViews.None, null, 0.8, true, "test");
        var card = ModelFiles.LoadCard(weights);
        Assert.Equal(report.ClassWeights, card.ClassWeights);
        // Fitted to maximise validation accuracy, starting from plain argmax: never worse than argmax there.
        Assert.True(report.Validation.Accuracy >= report.ArgmaxAccuracy, $"{report.Validation.Accuracy} < {report.ArgmaxAccuracy}");
        // The scorer decides files by the saved weights exactly as the evaluation decides the decoded set.
        var files = Photographs(dir, 6);
        var set = DropImageSet.FromFolderFiles(files, 64);
        using var scorer = DropsScorer.Open(weights);
        var p = scorer.Probabilities(set);
        var scores = scorer.Score(files);
        var classWeights = ClassDecision.WeightsOf(card);
        for (var i = 0; i < files.Count; i++)
            Assert.Equal(card.Classes[ClassDecision.Decide(p.AsSpan(i * 4, 4), classWeights)], scores[i].Class);
        // Calibrating again without the option goes back to plain argmax.
        DropsCalibrate.Run(weights, validation, "again", TestTimeViews.None, null, 0.8, false, "test");
        Assert.Empty(ModelFiles.LoadCard(weights).ClassWeights);
    }
}
