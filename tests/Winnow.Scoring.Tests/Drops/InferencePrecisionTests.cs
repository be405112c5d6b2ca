using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;

namespace Winnow.Scoring.Tests.Drops;

public class InferencePrecisionTests
{
    private static (string Weights, List<string> Files) ModelAndPhotographs(TempDirectory dir)
    {
        torch.ManualSeed(5);
        using var model = DropsModel.Create();
        var weights = dir.File("m.safetensors");
        DropsModel.Save(model, DropsModel.NewCard("test-drops", 64), weights);
        var files = Enumerable.Range(0, 4).Select(i =>
        {
            var path = dir.File($"d{i}.jpg");
            File.WriteAllBytes(path, new DropSimulator(2).Render(i).Jpeg);
            return path;
        }).ToList();
        return (weights, files);
    }

    [Fact]
    public void ACardThatSaysBFloat16ScoresCloseToFloat32ButNotIdentically()
    {
        using var dir = new TempDirectory();
        var (weights, files) = ModelAndPhotographs(dir);
        List<double> Scores(string? precision)
        {
            var card = ModelFiles.LoadCard(weights);
            card.InferencePrecision = precision;
            using var scorer = DropsScorer.Open(weights, card: card);
            return scorer.Score(files).SelectMany(s => DropClasses.Names.Select(c => s.Probabilities[c])).ToList();
        }
        var full = Scores(null);
        var half = Scores("bfloat16");
        var largest = full.Zip(half, (a, b) => Math.Abs(a - b)).Max();
        // Computed in bfloat16 for real (the numbers move), and still the same probabilities to about a hundredth.
        Assert.InRange(largest, 1e-7, 0.03);
    }

    [Fact]
    public void AnUnknownPrecisionInACardIsRefusedNamingTheModel()
    {
        using var dir = new TempDirectory();
        var (weights, _) = ModelAndPhotographs(dir);
        var card = ModelFiles.LoadCard(weights);
        card.InferencePrecision = "int4";
        var e = Assert.Throws<InvalidDataException>(() => DropsScorer.Open(weights, card: card));
        Assert.Contains("test-drops", e.Message);
        Assert.Contains("'int4'", e.Message);
    }
}
