using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;

namespace Winnow.Scoring.Tests.Diffraction;

public class ResolutionStageTests
{
    [Fact]
    public void IsotonicFitIsMonotoneAndUndoesASqueezedPrediction()
    {
        // The truth spans 1.5–9 Å; the "network" squeezes it towards 3 Å and adds noise: the fit must map the squeezed
        // values back (and never run backwards), so held-out shots come closer to the truth.
        var rng = new Random(4);
        List<(double Predicted, double True)> Shots(int n) => Enumerable.Range(0, n).Select(_ =>
        {
            double truth = Math.Exp(Math.Log(1.5) + rng.NextDouble() * Math.Log(6));
            double predicted = Math.Exp(Math.Log(3) + 0.6 * (Math.Log(truth) - Math.Log(3)) + 0.03 * (rng.NextDouble() - 0.5));
            return (predicted, truth);
        }).ToList();
        var train = Shots(400);
        var stage = ResolutionStage.Fit(train.Select(s => s.Predicted).ToList(), train.Select(s => s.True).ToList());
        Assert.All(stage.LnPredicted.Zip(stage.LnPredicted.Skip(1)), p => Assert.True(p.Second > p.First));
        Assert.All(stage.LnTrue.Zip(stage.LnTrue.Skip(1)), p => Assert.True(p.Second >= p.First));
        var test = Shots(200);
        double before = test.Average(s => Math.Abs(s.Predicted - s.True));
        double after = test.Average(s => Math.Abs(Math.Exp(stage.Map(Math.Log(s.Predicted))) - s.True));
        Assert.True(after < 0.3 * before, $"mean |error| {before:F3} → {after:F3} Å");
    }

    [Fact]
    public void MapInterpolatesBetweenKnotsAndIsFlatOutside()
    {
        var stage = new ResolutionStage([0, 1, 2], [0.5, 1.0, 3.0]);
        Assert.Equal(0.5, stage.Map(-4));
        Assert.Equal(0.75, stage.Map(0.5), 12);
        Assert.Equal(1.0, stage.Map(1), 12);
        Assert.Equal(2.0, stage.Map(1.5), 12);
        Assert.Equal(3.0, stage.Map(9));
        var p = stage.Apply(new DiffractionPrediction([0.1f, 0.8f, 0.1f], Math.Exp(0.5)));
        Assert.Equal(Math.Exp(0.75), p.ResolutionA, 9);
        Assert.Equal(0.8f, p.Probabilities[1]);
    }

    [Fact]
    public void RoundTripsThroughTheCardAndRejectsKnotsThatRunBackwards()
    {
        var stage = new ResolutionStage([0.1, 0.7, 1.9], [0.2, 0.6, 2.0]);
        var card = new ModelCard { Name = "test" };
        card.Postprocessing[ResolutionStage.CardKey] = stage.ToJson(new JsonObject { ["seed"] = 2000 });
        var back = ResolutionStage.FromCard(card)!;
        Assert.Equal(stage.LnPredicted, back.LnPredicted);
        Assert.Equal(stage.LnTrue, back.LnTrue);
        Assert.Null(ResolutionStage.FromCard(new ModelCard()));
        card.Postprocessing[ResolutionStage.CardKey]!["knots_ln_true"] = new JsonArray(0.2, 0.1, 2.0);
        Assert.Contains("resolution_stage", Assert.Throws<InvalidDataException>(() => ResolutionStage.FromCard(card)).Message);
    }
}
