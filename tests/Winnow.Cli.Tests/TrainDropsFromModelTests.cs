using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class TrainDropsFromModelTests
{
    [Fact]
    public void ContinuesATrainedModelAtALargerInputAndRecordsWhereItCameFrom()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        string[] Sets(int size) => ["--train", "32", "--val", "8", "--test", "8", "--size", $"{size}", "--cache", cache, "--json"];

        var baseWeights = dir.File("base.safetensors");
        var first = ProcessRunner.Winnow(["train", "drops", "--out", baseWeights, "--epochs", "1", .. Sets(64)]);
        Assert.True(first.Code == 0, first.Err);
        var baseCard = JsonNode.Parse(File.ReadAllText(dir.File("base.card.json")))!.AsObject();

        // At learning rate 0 the weights cannot move, so the continued network must hold the base's weights exactly:
        // it starts from them, not from random ones.
        var frozen = dir.File("frozen.safetensors");
        var still = ProcessRunner.Winnow(["train", "drops", "--model", baseWeights, "--out", frozen, "--epochs", "1", "--lr", "0", .. Sets(96)]);
        Assert.True(still.Code == 0, still.Err);
        Assert.Equal(TestModels.StoredTensor(baseWeights, "conv1.weight"), TestModels.StoredTensor(frozen, "conv1.weight"));
        Assert.Equal(TestModels.StoredTensor(baseWeights, "fc.weight"), TestModels.StoredTensor(frozen, "fc.weight"));

        var continued = dir.File("continued.safetensors");
        // One step at a learning rate large enough to show in float16 weights, on scenes the base never saw.
        var run = ProcessRunner.Winnow(["train", "drops", "--model", baseWeights, "--out", continued, "--epochs", "1", "--lr", "0.05", "--start", "32", "--mixtures", "1,0", .. Sets(96)]);
        Assert.True(run.Code == 0, run.Err);
        Assert.NotEqual(TestModels.StoredTensor(baseWeights, "conv1.weight"), TestModels.StoredTensor(continued, "conv1.weight"));
        var card = JsonNode.Parse(File.ReadAllText(dir.File("continued.card.json")))!.AsObject();
        Assert.Equal(96, card["input"]!["width"]!.GetValue<int>());
        Assert.Equal(baseCard["id"]!.GetValue<string>(), card["training"]!["base_model"]!.GetValue<string>());
        // The command must say everything that differs from the defaults, or it does not reproduce the model.
        Assert.Contains($"--model {baseWeights}", card["training"]!["command"]!.GetValue<string>());
        Assert.Contains("--lr 0.05", card["training"]!["command"]!.GetValue<string>());
        Assert.Contains("--start 32", card["training"]!["command"]!.GetValue<string>());
        Assert.Contains("photographs 32–63", card["training"]!["data"]!.GetValue<string>());
        Assert.Contains("--mixtures 1,0", card["training"]!["command"]!.GetValue<string>());
        // Only the training set changes; validation and test keep the natural rates (and their cached sets).
        Assert.Single(Directory.GetFiles(cache, "drops-seed1-from32-mix1-0-n32-s96.bin"));
        Assert.Single(Directory.GetFiles(cache, "drops-seed3-n8-s96.bin"));
        Assert.DoesNotContain("--start", baseCard["training"]!["command"]!.GetValue<string>());
        Assert.Equal(baseCard["training"]!["command"]!.GetValue<string>(), card["training"]!["base_training"]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void MixtureRatesThatAreNotTwoSharesAreRefusedBeforeAnythingIsSimulated()
    {
        using var dir = new TempDirectory();
        var run = ProcessRunner.Winnow(["train", "drops", "--mixtures", "2,0", "--out", dir.File("m.safetensors"), "--cache", dir.File("cache")]);
        Assert.Equal(2, run.Code);
        Assert.Contains("--mixtures '2,0' is not two shares between 0 and 1", run.Err);
        Assert.False(Directory.Exists(dir.File("cache")));
    }
}
