using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;
using Winnow.Simulation.Diffraction;
using Winnow.Torch;

namespace Winnow.Scoring.Tests.Diffraction;

public class DiffractionTestTimeAugmentationTests
{
    [Fact]
    public void EightViewsAverageTheProbabilitiesAndTheLogRadiusOfTheTurnedAndMirroredShots()
    {
        torch.ManualSeed(3);
        var samples = SimulatedSet.Generate(12, 0, 4, DetectorChoice.Small, 64, 2);
        var inputs = samples.Select(s => s.Input).ToList();
        using var model = new DiffractionNet("resnet18");
        var augmented = Evaluate.Predict(model, inputs, views: 8);
        var single = Evaluate.Predict(model, inputs);
        // Reference by hand: each view through the network, softmax and log-radius averaged.
        using var scope = torch.NewScope();
        using var noGrad = torch.NoGrad();
        var x = Batch.Of(inputs);
        var p = new double[inputs.Count, 3];
        var lnRadius = new double[inputs.Count];
        for (var v = 0; v < 8; v++)
        {
            var turned = x.Rot90(v / 2, 2, 3);
            var (logits, radius) = model.Forward(v % 2 == 1 ? turned.Flip(3) : turned);
            var pv = Winnow.Torch.nn.F.Softmax(logits, 1).ToArray<float>();
            var rv = radius.ToArray<float>();
            for (var i = 0; i < inputs.Count; i++)
            {
                for (var c = 0; c < 3; c++) p[i, c] += pv[i * 3 + c] / 8.0;
                lnRadius[i] += rv[i] / 8.0;
            }
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            for (var c = 0; c < 3; c++) Assert.Equal(p[i, c], augmented[i].Probabilities[c], 4);
            Assert.Equal(inputs[i].ResolutionA(Math.Exp(lnRadius[i])), augmented[i].ResolutionA, 3);
        }
        // A random network is not symmetric, so the augmented answer differs from the single view (the test can fail).
        Assert.True(Enumerable.Range(0, inputs.Count).Max(i => Math.Abs(augmented[i].Probabilities[0] - single[i].Probabilities[0])) > 1e-4);
    }
}
