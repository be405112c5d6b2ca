using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class TileReadingCommandTests
{
    [Fact]
    public void TrainWithTilesThenCalibrateWithTilesGivesAModelThatScoresInTiles()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        var weights = dir.File("t.safetensors");
        var train = ProcessRunner.Winnow("train", "drops", "--out", weights, "--crop", "well", "--tiles", "--epochs", "1", "--train", "12", "--val", "8", "--test", "8", "--size", "32", "--cache", cache);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("wholes and tiles", train.Out);
        JsonObject Card() => JsonNode.Parse(File.ReadAllText(dir.File("t.card.json")))!.AsObject();
        Assert.Contains("--tiles", Card()["training"]!["command"]!.GetValue<string>());
        Assert.Null(Card()["tiles"]);

        var calibrate = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--tiles", "3", "--val", "24", "--cache", cache);
        Assert.True(calibrate.Code == 0, calibrate.Err);
        Assert.Contains("3 × 3 tiles combined", calibrate.Out);
        var tiles = Card()["tiles"]!.AsObject();
        Assert.Equal(3, tiles["grid"]!.GetValue<int>());
        Assert.Equal(17, tiles["combiner"]!.AsArray().Count);
        Assert.Contains("--tiles 3", Card()["postprocessing"]!["thresholds"]!["command"]!.GetValue<string>());

        var photograph = dir.File("d.jpg");
        File.WriteAllBytes(photograph, new Winnow.Simulation.Drops.DropSimulator(4).Render(1).Jpeg);
        var score = ProcessRunner.Winnow("score", "drops", "--model", weights, "--json", photograph);
        Assert.True(score.Code == 0, score.Err);
        var p = JsonNode.Parse(score.Out.Trim())!["probabilities"]!.AsObject();
        Assert.Equal(1.0, p.Sum(kv => kv.Value!.GetValue<double>()), 3);

        // --tiles 0 goes back to reading the whole image.
        var whole = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tta", "none", "--tiles", "0", "--val", "24", "--cache", cache);
        Assert.True(whole.Code == 0, whole.Err);
        Assert.Null(Card()["tiles"]);
    }

    [Fact]
    public void TilesOnAModelNotFramedOnTheWellAreRefusedWithTheReason()
    {
        using var dir = new TempDirectory();
        var train = ProcessRunner.Winnow("train", "drops", "--out", dir.File("f.safetensors"), "--tiles", "--epochs", "1", "--train", "8", "--val", "8", "--test", "8", "--size", "32", "--cache", dir.File("cache"));
        Assert.NotEqual(0, train.Code);
        Assert.Contains("--crop well", train.Err);
        var weights = TinyDropsModel.Train(dir, dir.File("cache"));
        var calibrate = ProcessRunner.Winnow("calibrate", "drops", "--model", weights, "--tiles", "3", "--val", "8", "--cache", dir.File("cache"));
        Assert.NotEqual(0, calibrate.Code);
        Assert.Contains("well", calibrate.Err);
        Assert.Contains(weights, calibrate.Err);
    }
}
