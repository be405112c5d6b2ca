using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class LatticeStageTests
{
    private static DiffractionPrediction Network(double multi) => new([0.1f, (float)(0.9 * (1 - multi)), (float)(0.9 * multi)], 2.0);

    /// <summary>Shots where the network cannot tell (p multi 0.5) but, with many spots, the coherence can: multi shots
    /// have low coherence. With few spots, coherence is noise for both.</summary>
    private static (List<double[]> Features, List<bool> IsMulti) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < n; i++)
        {
            bool multi = rng.NextDouble() < 0.4;
            int spots = rng.NextDouble() < 0.5 ? rng.Next(15, 40) : rng.Next(500, 3000);
            double coherence = spots < 100 ? rng.NextDouble() * 0.3 : multi ? 0.45 + 0.2 * rng.NextDouble() : 0.75 + 0.2 * rng.NextDouble();
            features.Add(LatticeStage.Features(Network(0.5), new SpotEvidence(spots, coherence)));
            labels.Add(multi);
        }
        return (features, labels);
    }

    [Fact]
    public void FitLearnsThatCoherenceDecidesOnlyWhenThereAreManySpots()
    {
        var (features, labels) = Data(600, 1);
        var stage = LatticeStage.Fit(features, labels);
        Assert.True(stage.MultiShare(Network(0.5), new SpotEvidence(2000, 0.5)) > 0.8);
        Assert.True(stage.MultiShare(Network(0.5), new SpotEvidence(2000, 0.9)) < 0.2);
        // Few spots: the stage falls back on the base rate (0.4) rather than the noise in the coherence.
        Assert.InRange(stage.MultiShare(Network(0.5), new SpotEvidence(20, 0.1)), 0.2, 0.6);
        var (test, truth) = Data(400, 2);
        int right = Enumerable.Range(0, test.Count).Count(i => (Sigmoid(test[i], stage) > 0.5) == truth[i]);
        Assert.True(right > 0.75 * test.Count, $"{right} of {test.Count}");
    }

    private static double Sigmoid(double[] x, LatticeStage stage) => 1 / (1 + Math.Exp(-x.Zip(stage.Weights, (a, b) => a * b).Sum()));

    [Fact]
    public void ApplyResplitsTheCrystalProbabilityOnly()
    {
        var stage = new LatticeStage([0, 0, 0, 0, 0, 0, 0]); // share 0.5 whatever the shot
        var p = stage.Apply(new DiffractionPrediction([0.2f, 0.7f, 0.1f], 3.1), new SpotEvidence(100, 0.5));
        Assert.Equal(0.2f, p.Probabilities[0]);
        Assert.Equal(0.4f, p.Probabilities[1], 5);
        Assert.Equal(0.4f, p.Probabilities[2], 5);
        Assert.Equal(3.1, p.ResolutionA);
    }

    [Fact]
    public void RoundTripsThroughTheCardAndRejectsAMalformedOne()
    {
        var stage = new LatticeStage([0.5, 1, -0.2, -3, 2, -4, 1.5]);
        var card = new ModelCard { Name = "test" };
        card.Postprocessing[LatticeStage.CardKey] = stage.ToJson(new JsonObject { ["seed"] = 2000 });
        Assert.Equal(stage.Weights, LatticeStage.FromCard(card)!.Weights);
        Assert.Null(LatticeStage.FromCard(new ModelCard()));
        card.Postprocessing[LatticeStage.CardKey]!["spot_ramp_from_to"] = new JsonArray(20.0, 400.0);
        Assert.Contains("refit", Assert.Throws<InvalidDataException>(() => LatticeStage.FromCard(card)).Message);
        card.Postprocessing[LatticeStage.CardKey]!["spot_ramp_from_to"] = new JsonArray(LatticeStage.RampFromSpots, LatticeStage.RampToSpots);
        card.Postprocessing[LatticeStage.CardKey]!["weights"] = new JsonArray(1.0, 2.0);
        var e = Assert.Throws<InvalidDataException>(() => LatticeStage.FromCard(card));
        Assert.Contains("lattice_stage", e.Message);
    }

    [Fact]
    public void RefusesToFitWithoutBothClasses()
    {
        var (features, _) = Data(100, 3);
        Assert.Throws<ArgumentException>(() => LatticeStage.Fit(features, features.Select(_ => true).ToList()));
    }
}
