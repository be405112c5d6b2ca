using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

/// <summary>A drops model trained for one epoch on 16 simulated photographs at 64² (seconds): for commands that need
/// some trained model and its card, not a good one.</summary>
internal static class TinyDropsModel
{
    /// <summary>Trains it to DIR/m.safetensors (card DIR/m.card.json), keeping the simulated sets in <paramref name="cache"/>.</summary>
    public static string Train(TempDirectory dir, string cache)
    {
        var weights = dir.File("m.safetensors");
        var train = ProcessRunner.Winnow("train", "drops", "--out", weights, "--epochs", "1", "--train", "16", "--val", "8", "--test", "8", "--size", "64", "--cache", cache, "--json");
        Assert.True(train.Code == 0, train.Err);
        return weights;
    }
}
