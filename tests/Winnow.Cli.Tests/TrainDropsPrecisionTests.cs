using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class TrainDropsPrecisionTests
{
    [Fact]
    public void BFloat16TrainingIsRecordedInTheCardAndGivesItsOwnWeights()
    {
        using var dir = new TempDirectory();
        string[] Run(string output, params string[] extra) =>
            ["train", "drops", "--out", dir.File(output), "--epochs", "1", "--train", "16", "--val", "8", "--test", "8", "--size", "48", "--cache", dir.File("cache"), "--json", .. extra];

        var full = ProcessRunner.Winnow(Run("full.safetensors"));
        Assert.True(full.Code == 0, full.Err);
        var half = ProcessRunner.Winnow(Run("half.safetensors", "--precision", "bfloat16"));
        Assert.True(half.Code == 0, half.Err);

        var card = JsonNode.Parse(File.ReadAllText(dir.File("half.card.json")))!["training"]!;
        Assert.Equal("bfloat16", card["precision"]!.GetValue<string>());
        // The recorded command must rebuild this model, so it names the precision; a float32 command reads as before.
        Assert.EndsWith("--precision bfloat16", card["command"]!.GetValue<string>());
        var fullCard = JsonNode.Parse(File.ReadAllText(dir.File("full.card.json")))!["training"]!;
        Assert.Equal("float32", fullCard["precision"]!.GetValue<string>());
        Assert.DoesNotContain("--precision", fullCard["command"]!.GetValue<string>());
        // Same seed, same photographs, same steps: only the rounding of the forward pass differs, and it shows.
        Assert.NotEqual(TestModels.StoredTensor(dir.File("full.safetensors"), "conv1.weight"), TestModels.StoredTensor(dir.File("half.safetensors"), "conv1.weight"));
    }

    [Fact]
    public void AnUnknownPrecisionIsRefused()
    {
        using var dir = new TempDirectory();
        var run = ProcessRunner.Winnow("train", "drops", "--precision", "float8", "--out", dir.File("x.safetensors"), "--cache", dir.File("cache"));
        Assert.NotEqual(0, run.Code);
        Assert.Contains("Argument 'float8' not recognized", run.Err);
        Assert.False(Directory.Exists(dir.File("cache")));
    }
}
