using Winnow.Formats.Geometry;
using Winnow.Scoring.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class EvaluationMetricsTests
{
    private static readonly DiffractionInput Input =
        new(new float[4], 2, 1263, new FlatDetector(300, (0.172, 0.172), (1231, 1263), 1.0, (2463, 2527)));

    private static DiffractionSample Truth(int cls, double misorientation = 0) => new(Input, cls, cls == 0 ? double.NaN : 2.0, misorientation);

    private static DiffractionPrediction Says(float blank, float single, float multi) => new([blank, single, multi], 2.0);

    [Fact]
    public void SingleVsMultiDecidesBetweenTheTwoCrystalClassesOnlyAndIgnoresBlankShots()
    {
        DiffractionSample[] truth = [Truth(0), Truth(1), Truth(1), Truth(2, 0.2), Truth(2, 5), Truth(2, 20)];
        DiffractionPrediction[] predicted =
        [
            Says(0.1f, 0.1f, 0.8f), // blank shot: not part of the binary task whatever it says
            Says(0.6f, 0.3f, 0.1f), // single, called blank, but single beats multi: right in the binary task
            Says(0.1f, 0.2f, 0.7f), // single called multi: wrong
            Says(0.1f, 0.8f, 0.1f), // multi at 0.2°, called single: wrong
            Says(0.5f, 0.2f, 0.3f), // multi at 5°, called blank, multi beats single: right
            Says(0.0f, 0.1f, 0.9f), // multi at 20°: right
        ];
        var report = Evaluate.Measure(truth, predicted);

        Assert.Equal(3.0 / 5, report.SingleVsMultiAccuracy, 9);
        // Three-class view for comparison: only the 20° multi shot is right among the crystal shots.
        Assert.Equal(1.0 / 3, report.MultiRecall, 9);
        var bands = report.MultiRecallByMisorientation.ToDictionary(b => b.Band);
        Assert.Equal((0.0, 1), (bands["0.1-0.5 deg"].Recall, bands["0.1-0.5 deg"].Shots));
        Assert.Equal((1.0, 1), (bands["2-8 deg"].Recall, bands["2-8 deg"].Shots));
        Assert.Equal((1.0, 1), (bands["8-30 deg"].Recall, bands["8-30 deg"].Shots));
        Assert.Equal(0, bands["0.5-2 deg"].Shots);
        Assert.True(double.IsNaN(bands["0.5-2 deg"].Recall));
    }

    [Fact]
    public void SpotBandsCountSinglesKeptAndMultisFoundAndAppearOnlyWithSpotEvidence()
    {
        DiffractionSample With(int cls, int spots) => Truth(cls, cls == 2 ? 5 : 0) with { Spots = new SpotEvidence(spots, 0.5) };
        DiffractionSample[] truth = [With(0, 3), With(1, 10), With(2, 20), With(1, 300), With(2, 300), With(2, 5000)];
        DiffractionPrediction[] predicted =
        [
            Says(0.9f, 0.05f, 0.05f),
            Says(0.1f, 0.8f, 0.1f), // single, few spots: kept single
            Says(0.1f, 0.8f, 0.1f), // multi, few spots: missed
            Says(0.1f, 0.3f, 0.6f), // single called multi
            Says(0.1f, 0.3f, 0.6f), // multi found
            Says(0.1f, 0.2f, 0.7f), // multi found
        ];
        var bands = Evaluate.Measure(truth, predicted).BySpots.ToDictionary(b => b.Band);
        Assert.Equal(new SpotBand("<50 spots", 1, 1, 0, 1), bands["<50 spots"]);
        Assert.Equal(new SpotBand("200-999 spots", 0, 1, 1, 1), bands["200-999 spots"]);
        Assert.Equal(new SpotBand(">=1000 spots", 0, 0, 1, 1), bands[">=1000 spots"]);
        Assert.Empty(Evaluate.Measure(truth.Select(t => t with { Spots = null }).ToArray(), predicted).BySpots);
    }

    [Fact]
    public void BFloat16AgreementCountsChangedClassesAndRelativeResolutionChanges()
    {
        DiffractionSample[] truth = [Truth(1), Truth(1), Truth(2, 5), Truth(0)];
        DiffractionPrediction[] full = [new([0.1f, 0.8f, 0.1f], 2.0), new([0.1f, 0.5f, 0.4f], 3.0), new([0.1f, 0.2f, 0.7f], 2.0), new([0.9f, 0.05f, 0.05f], 4.0)];
        DiffractionPrediction[] half = [new([0.1f, 0.8f, 0.1f], 2.02), new([0.1f, 0.4f, 0.5f], 3.0), new([0.1f, 0.2f, 0.7f], 2.1), new([0.9f, 0.05f, 0.05f], 4.0)];
        var json = Evaluate.BFloat16Json(Evaluate.Measure(truth, half), full, half);
        Assert.Equal(0.75, json["class_agreement_with_float32"]!.GetValue<double>(), 9);
        Assert.Equal(0.05, json["resolution_max_relative_change"]!.GetValue<double>(), 4);
        Assert.Equal(0.01, json["resolution_median_relative_change"]!.GetValue<double>(), 4);
        Assert.Equal(0.75, json["lattice_accuracy"]!.GetValue<double>(), 9); // the second single shot turned multi
    }
}
