using Winnow.Scoring.Common;

namespace Winnow.Scoring.Tests.Common;

public class ClassDecisionTests
{
    [Fact]
    public void WithoutWeightsTheDecisionIsArgmaxAndWeightsScaleEachClass()
    {
        float[] p = [0.1f, 0.35f, 0.4f, 0.15f];
        Assert.Equal(2, ClassDecision.Decide(p, null));
        Assert.Equal(1, ClassDecision.Decide(p, [1, 1.2, 1, 1]));
        Assert.Equal(2, ClassDecision.Decide(p, [1, 1.1, 1, 1]));
    }

    /// <summary>
    /// Rows where class 1 is the truth but the network gives it a little less than class 2 (as a crystal in a mixture
    /// loses to the precipitate around it): argmax gets them wrong, a weight on class 1 between the two ratios gets
    /// everything right, and the fit finds such a weight.
    /// </summary>
    [Fact]
    public void FitFindsTheWeightThatUndoesASystematicLeanAndKeepsOneWhereArgmaxIsRight()
    {
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            rows.Add([0.05f, 0.42f, 0.48f, 0.05f]); labels.Add(1); // ratio 0.875: needs weight > 1.143
            rows.Add([0.05f, 0.30f, 0.60f, 0.05f]); labels.Add(2); // ratio 0.5: wrong only if weight > 2
            rows.Add([0.70f, 0.10f, 0.10f, 0.10f]); labels.Add(0);
        }
        var probabilities = rows.SelectMany(r => r).ToArray();
        Assert.Equal(2.0 / 3, ClassDecision.Accuracy(probabilities, [.. labels], 4, null), 6);
        var weights = ClassDecision.Fit(probabilities, [.. labels], 4);
        Assert.Equal(1.0, weights[0]);
        Assert.InRange(weights[1] / weights[2], 1.143, 2.0);
        Assert.Equal(1.0, ClassDecision.Accuracy(probabilities, [.. labels], 4, weights), 6);

        // Data argmax already gets right: every weight stays 1 (no move without a reason in the data).
        var right = rows.Where((_, i) => labels[i] != 1).SelectMany(r => r).ToArray();
        Assert.All(ClassDecision.Fit(right, [.. labels.Where(l => l != 1)], 4), w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void ACardWithWeightsForAnUnknownClassOrNotPositiveIsRefusedNamingTheModel()
    {
        var card = new ModelCard { Name = "weighted", Classes = ["A", "B"], ClassWeights = new() { ["C"] = 2 } };
        var e = Assert.Throws<InvalidDataException>(() => ClassDecision.WeightsOf(card));
        Assert.Contains("weighted", e.Message);
        Assert.Contains("C", e.Message);
        card.ClassWeights = new() { ["A"] = 0 };
        Assert.Contains("positive", Assert.Throws<InvalidDataException>(() => ClassDecision.WeightsOf(card)).Message);
        card.ClassWeights = new() { ["A"] = 1, ["B"] = 1 };
        Assert.Null(ClassDecision.WeightsOf(card));
        card.ClassWeights = new() { ["B"] = 1.5 };
        Assert.Equal([1.0, 1.5], ClassDecision.WeightsOf(card)!);
    }
}
