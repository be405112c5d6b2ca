using Winnow.TestSupport;
using Winnow.Pipeline.Tests.Run;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Watch;

/// <summary>`winnow watch` and `winnow schedule` as people run them.</summary>
public sealed class WatchCommandTests
{
    [Fact]
    public async Task Watch_scores_settled_inspections_and_leaves_the_one_still_being_written()
    {
        using var temp = new TempFolder();
        var landed = TestModels.Images(Path.Combine(temp.Path, "imager", "plate-A"), 12, seed: 31);
        var writing = TestModels.Images(Path.Combine(temp.Path, "imager", "plate-B"), 5, seed: 32);
        // Plate A was finished ten minutes ago; plate B's files are being written now.
        foreach (var path in landed)
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var db = Path.Combine(temp.Path, "winnow.db");

        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "watch", Path.Combine(temp.Path, "imager"), "--job", "drops",
            "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "s"), "--settle", "5m", "--once");
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("1 inspections settled, 12 new images", stdout);
        Assert.Contains("1 still being written", stdout);

        await using var store = await ResultStore.OpenAsync(db);
        var modelId = Scoring.Common.ModelFiles.ContentHash(weights);
        foreach (var path in landed)
            Assert.Single(await store.GetScoresAsync((await store.FindImageAsync(path))!.Id), s => s.Scorer == modelId);
        foreach (var path in writing)
            Assert.Null(await store.FindImageAsync(path));
    }

    [Fact]
    public void Schedule_prints_an_hourly_cron_line_with_absolute_paths()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "schedule", "--job", "drops", "--db", "results.db");
        Assert.True(exit == 0, stderr);
        var line = stdout.Trim();
        Assert.StartsWith("0 * * * * cd ", line);
        Assert.Contains("&& ./run run --job drops --db " + Path.Combine(temp.Path, "results.db"), line);
        Assert.EndsWith("2>&1", line);
        Assert.Single(stdout.Trim().Split('\n'));
    }
}
