using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class TrainDropsArchitectureTests
{
    [Fact]
    public void ASpaceToDepthNetworkTrainsContinuesAndScoresAndItsCardSaysWhichNetworkItIs()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        string[] Sets(int size) => ["--train", "16", "--val", "8", "--test", "8", "--size", $"{size}", "--cache", cache, "--json"];
        JsonObject Card(string name) => JsonNode.Parse(File.ReadAllText(dir.File(name)))!.AsObject();

        var weights = dir.File("s2d.safetensors");
        var train = ProcessRunner.Winnow(["train", "drops", "--arch", "resnet18-s2d", "--out", weights, "--epochs", "1", .. Sets(64)]);
        Assert.True(train.Code == 0, train.Err);
        var card = Card("s2d.card.json");
        Assert.Equal("resnet18-s2d", card["architecture"]!.GetValue<string>());
        Assert.Contains("--arch resnet18-s2d", card["training"]!["command"]!.GetValue<string>());
        // 2 × 2 pixels of 3 colours fold into the stem's 12 input channels: 64 × 12 × 7 × 7 weights.
        Assert.Equal(64 * 12 * 7 * 7, TestModels.StoredTensor(weights, "conv1.weight").Length);

        // A continued model keeps its base's network without being told; naming one with --model is refused.
        var continued = dir.File("continued.safetensors");
        var more = ProcessRunner.Winnow(["train", "drops", "--model", weights, "--out", continued, "--epochs", "1", "--start", "16", .. Sets(96)]);
        Assert.True(more.Code == 0, more.Err);
        Assert.Equal("resnet18-s2d", Card("continued.card.json")["architecture"]!.GetValue<string>());
        var both = ProcessRunner.Winnow(["train", "drops", "--model", weights, "--arch", "resnet18", "--out", dir.File("x.safetensors"), .. Sets(96)]);
        Assert.Equal(2, both.Code);
        Assert.Contains("keeps its base's architecture", both.Err);

        var photographs = ProcessRunner.Winnow("simulate", "drops", "--n", "2", "--out", dir.File("photos"));
        Assert.True(photographs.Code == 0, photographs.Err);
        var score = ProcessRunner.Winnow("score", "drops", "--model", continued, "--json", dir.File("photos/drop_000001.jpg"), dir.File("photos/drop_000002.jpg"));
        Assert.True(score.Code == 0, score.Err);
        var lines = score.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2, lines.Count);
        var id = Card("continued.card.json")["id"]!.GetValue<string>();
        Assert.All(lines, l => Assert.StartsWith(l["model"]!.GetValue<string>(), id));
        Assert.All(lines, l => Assert.Equal(1.0, l["probabilities"]!.AsObject().Sum(p => p.Value!.GetValue<double>()), 4));
    }

    [Fact]
    public void AnArchitectureThatIsNotADropsNetworkIsRefusedBeforeAnythingIsSimulated()
    {
        using var dir = new TempDirectory();
        var run = ProcessRunner.Winnow(["train", "drops", "--architecture", "resnet50", "--out", dir.File("m.safetensors"), "--cache", dir.File("cache")]);
        // A command-line parse error (exit 1), as for any option value outside its list.
        Assert.Equal(1, run.Code);
        Assert.Contains("'resnet50' not recognized", run.Err);
        Assert.Contains("resnet18-s2d", run.Err);
        Assert.False(Directory.Exists(dir.File("cache")));
    }
}
