using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class CalibrateDropsCommandTests
{
    [Fact]
    public void SwitchesTestTimeAugmentationOnAndOffAndRetunesTheThresholdsInTheCard()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        var weights = TinyDropsModel.Train(dir, cache);
        JsonObject Card() => JsonNode.Parse(File.ReadAllText(dir.File("m.card.json")))!.AsObject();
        Assert.Equal("none", Card()["test_time_augmentation"]!.GetValue<string>());

        var on = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "dihedral8", "--val", "12", "--cache", cache);
        Assert.True(on.Code == 0, on.Err);
        Assert.Contains("test-time augmentation dihedral8", on.Out);
        var card = Card();
        Assert.Equal("dihedral8", card["test_time_augmentation"]!.GetValue<string>());
        Assert.Contains("--tta dihedral8 --val 12", card["postprocessing"]!["thresholds"]!["command"]!.GetValue<string>());
        Assert.Equal("simulated validation seed 2 × 12", card["postprocessing"]!["thresholds"]!["tuned_on"]!.GetValue<string>());
        var thresholdsOn = card["thresholds"]!.ToJsonString();

        var off = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--val", "12", "--cache", cache);
        Assert.True(off.Code == 0, off.Err);
        Assert.Equal("none", Card()["test_time_augmentation"]!.GetValue<string>());
        // Single-view probabilities of a barely trained network differ from the 8-view average, and so do their thresholds.
        Assert.NotEqual(thresholdsOn, Card()["thresholds"]!.ToJsonString());
    }

    [Fact]
    public void SetsTheNetworksPrecisionForScoringAndKeepsItUntilToldOtherwise()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        var weights = TinyDropsModel.Train(dir, cache);
        JsonObject Card() => JsonNode.Parse(File.ReadAllText(dir.File("m.card.json")))!.AsObject();
        Assert.Null(Card()["inference_precision"]);

        var half = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--precision", "bfloat16", "--val", "12", "--cache", cache);
        Assert.True(half.Code == 0, half.Err);
        Assert.Contains("network in bfloat16", half.Out);
        Assert.Equal("bfloat16", Card()["inference_precision"]!.GetValue<string>());
        Assert.EndsWith("--precision bfloat16", Card()["postprocessing"]!["thresholds"]!["command"]!.GetValue<string>());
        var photographs = ProcessRunner.Winnow("simulate", "drops", "--n", "2", "--out", dir.File("photos"));
        Assert.True(photographs.Code == 0, photographs.Err);
        var score = ProcessRunner.Winnow("score", "drops", "--model", weights, "--json", dir.File("photos/drop_000001.jpg"), dir.File("photos/drop_000002.jpg"));
        Assert.True(score.Code == 0, score.Err);
        Assert.Equal(2, score.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"probabilities\"")));

        // Without --precision a second calibration keeps the card's; float32 clears it.
        var again = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--val", "12", "--cache", cache);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal("bfloat16", Card()["inference_precision"]!.GetValue<string>());
        var full = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--precision", "float32", "--val", "12", "--cache", cache);
        Assert.True(full.Code == 0, full.Err);
        Assert.Null(Card()["inference_precision"]);
    }

    [Fact]
    public void AnUnknownAugmentationOrAMissingModelIsRefusedWithAClearError()
    {
        using var dir = new TempDirectory();
        var bad = ProcessRunner.Winnow("calibrate", "drops", "--tta", "sideways");
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("sideways", bad.Err);
        var missing = dir.File("missing.safetensors");
        var none = ProcessRunner.Winnow("calibrate", "drops", "--model", missing, "--val", "8", "--cache", dir.File("cache"));
        Assert.NotEqual(0, none.Code);
        Assert.Contains("missing", none.Err);
    }
}
