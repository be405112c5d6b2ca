using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;
using Winnow.Simulation.Diffraction;
using Winnow.TestSupport;
using Winnow.Torch;
using Winnow.Torch.optim;

namespace Winnow.Scoring.Tests.Diffraction;

public class TrainingTests
{
    [Theory]
    [InlineData("resnet18", 1)]
    [InlineData("resnet18-s2d", 1)]
    [InlineData("resnet18-s2d", 3)]
    public void FortyStepsOnSmallSimulatedShotsReduceTheLoss(string architecture, int zoomLevels)
    {
        torch.ManualSeed(7);
        var samples = SimulatedSet.Generate(11, 0, 16, DetectorChoice.Small, 64, 2, zoomLevels: zoomLevels);
        Assert.Contains(samples, s => s.HasResolution);
        Assert.All(samples, s => Assert.Equal(zoomLevels * 64 * 64, s.Input.Pixels.Length));
        using var model = new DiffractionNet(architecture, zoomLevels);
        using var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        var losses = new List<double>();
        for (int step = 0; step < 40; step++)
        {
            using var scope = torch.NewScope();
            optimizer.ZeroGrad();
            var loss = Recipe.Loss(model, Batch.Of(samples.Select(s => s.Input).ToList()), samples);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        double first = losses[0], last = losses.TakeLast(5).Average();
        Assert.True(last < 0.5 * first, $"loss {first:F3} -> {last:F3}");
    }

    [Fact]
    public void TheSpaceToDepthNetworkFoldsTwoByTwoPixelsIntoFourChannelsOfAResNet()
    {
        using var model = new DiffractionNet("resnet18-s2d");
        var conv1 = model.StateDict()["backbone.conv1.weight"];
        Assert.Equal(new long[] { 64, 4, 7, 7 }, conv1.Shape);
        using var scope = torch.NewScope();
        model.Eval();
        using var noGrad = torch.NoGrad();
        var (logits, radius) = model.Forward(torch.Randn([3, 1, 64, 64]));
        Assert.Equal(new long[] { 3, 3 }, logits.Shape);
        Assert.Equal(new long[] { 3 }, radius.Shape);
        Assert.Throws<ArgumentException>(() => model.Forward(torch.Randn([1, 1, 63, 63])));
    }

    [Fact]
    public void RecipeWritesFloat16WeightsAndACardThatTheScorerLoads()
    {
        using var dir = new TempDirectory();
        var result = Recipe.Train(new TrainOptions { N = 20, Epochs = 1, BatchSize = 6, Size = 32, Out = dir.Path, Seed = 5, Command = "test" }, _ => { });
        Assert.True(File.Exists(result.Weights));
        Assert.True(File.Exists(Path.Combine(dir.Path, "checkpoint.safetensors")));
        Assert.Equal(3, result.Steps);
        var card = ModelFiles.LoadCard(result.Weights);
        Assert.Equal("diffraction", card.Job);
        Assert.Equal(["blank", "single", "multi"], card.Classes);
        Assert.Equal(5, card.Training["seed"]!.GetValue<int>());
        // float16: about 2 bytes per parameter of ResNet-18 (11.2 M) plus the resolution head.
        Assert.InRange(new FileInfo(result.Weights).Length, 20_000_000, 25_000_000);
        using var scorer = new DiffractionScorer(result.Weights);
        Assert.Equal(card.Id, scorer.Card.Id);
        Assert.Throws<ArgumentException>(() => Evaluate.Run(result.Weights, 4, 5, 1, _ => { }));
    }

    [Fact]
    public void AZoomedModelRecordsItsChannelsInTheCardAndScoresARealShotWithThem()
    {
        using var dir = new TempDirectory();
        var result = Recipe.Train(new TrainOptions { N = 12, Epochs = 1, BatchSize = 6, Size = 32, Architecture = "resnet18-s2d", ZoomLevels = 3, Out = dir.Path, Seed = 5, Command = "test" }, _ => { });
        var card = ModelFiles.LoadCard(result.Weights);
        Assert.Equal(3, card.Input.Channels);
        using var scorer = new DiffractionScorer(result.Weights);
        var score = Assert.Single(scorer.Score([SharedData.Path("diffraction/thau_3_2_0001.cbf")]));
        Assert.Null(score.Error);
        Assert.Equal(1.0, score.Probabilities.Values.Sum(), 3);
        Assert.Throws<ArgumentException>(() => Recipe.Train(new TrainOptions { N = 12, ZoomLevels = 0, Out = dir.Path }, _ => { }));
    }

    [Fact]
    public void AContinuedModelStartsFromItsBaseKeepsItsShapeAndRecordsWhereItCameFrom()
    {
        using var baseDir = new TempDirectory();
        var baseResult = Recipe.Train(new TrainOptions { N = 12, Epochs = 1, BatchSize = 6, Size = 32, Architecture = "resnet18-s2d", ZoomLevels = 3, Out = baseDir.Path, Seed = 5, Command = "base" }, _ => { });
        var baseCard = ModelFiles.LoadCard(baseResult.Weights);

        // Options that disagree with the base (default size, architecture, channels) give way to its card; at learning
        // rate 0 the weights cannot move, so they must be the base's: the run starts from them, not from random ones.
        using var dir = new TempDirectory();
        var result = Recipe.Train(new TrainOptions { N = 12, Epochs = 1, BatchSize = 6, Start = 100, LearningRate = 0, BaseModel = baseResult.Weights, Out = dir.Path, Seed = 5, Command = "continued" }, _ => { });
        var card = ModelFiles.LoadCard(result.Weights);
        Assert.Equal(("resnet18-s2d", 32, 3), (card.Architecture, card.Input.Width, card.Input.Channels));
        Assert.Equal(TestModels.StoredTensor(baseResult.Weights, "backbone.conv1.weight"), TestModels.StoredTensor(result.Weights, "backbone.conv1.weight"));
        Assert.Equal(TestModels.StoredTensor(baseResult.Weights, "backbone.fc.weight"), TestModels.StoredTensor(result.Weights, "backbone.fc.weight"));
        Assert.Equal(baseCard.Id, card.Training["base_model"]!.GetValue<string>());
        Assert.Equal("base", card.Training["base_training"]!["command"]!.GetValue<string>());
        Assert.Contains("shots 100–111", card.Training["data"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => Recipe.Train(new TrainOptions { N = 12, Start = -1, Out = dir.Path }, _ => { }));
    }
}
