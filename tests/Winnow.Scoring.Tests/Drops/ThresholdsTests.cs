using Winnow.Scoring.Drops;

namespace Winnow.Scoring.Tests.Drops;

public class ThresholdsTests
{
    [Fact]
    public void RocOfAPerfectScoreHasAreaOneAndAReversedOneZero()
    {
        var scores = new double[] { 0.9, 0.8, 0.3, 0.1 };
        Assert.Equal(1.0, Thresholds.Auc(Thresholds.Roc(scores, [true, true, false, false])), 9);
        Assert.Equal(0.0, Thresholds.Auc(Thresholds.Roc(scores, [false, false, true, true])), 9);
    }

    [Fact]
    public void ChosenThresholdIsTheHighestThatKeepsTheTargetTruePositiveRate()
    {
        // Positives at 0.9, 0.7, 0.4, 0.2, 0.05; negatives at 0.8, 0.5, 0.3, 0.1.
        double[] scores = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
        bool[] positive = [true, false, true, false, true, false, true, false, true];
        var point = Thresholds.Choose(Thresholds.Roc(scores, positive), 0.8);
        Assert.Equal(0.2, point.Threshold); // 4 of 5 positives at ≥ 0.2
        Assert.Equal(0.8, point.TruePositiveRate, 9);
        Assert.Equal(0.75, point.FalsePositiveRate, 9);
        var at = Thresholds.At(scores, positive, point.Threshold);
        Assert.Equal(point, at);
        var strict = Thresholds.Choose(Thresholds.Roc(scores, positive), 0.6);
        Assert.Equal(0.4, strict.Threshold);
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Choose(Thresholds.Roc(scores, positive), 0));
    }

    [Fact]
    public void TuneGivesCrystalAndClearThresholdsFromProbabilities()
    {
        // Four images, one per class, each confidently right: any TPR target is met at the true class's probability.
        float[] p = [0.7f, 0.1f, 0.1f, 0.1f, 0.1f, 0.6f, 0.2f, 0.1f, 0.1f, 0.2f, 0.6f, 0.1f, 0.2f, 0.1f, 0.1f, 0.6f];
        var t = Thresholds.Tune(p, [0, 1, 2, 3], ["Clear", "Crystals", "Precipitate", "Other"], 0.8);
        Assert.Equal(0.6, t["Crystals"], 6);
        Assert.Equal(0.7, t["Clear"], 6);
        var e = DropsEvaluate.Evaluate(p, [0, 1, 2, 3], t);
        Assert.Equal(1.0, e.Accuracy);
        Assert.Equal(0.0, e.AtThreshold["Crystals"].FalsePositiveRate);
    }
}
