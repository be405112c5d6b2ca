using Winnow.TestSupport;
using System.Text.Json;
using Winnow.Pipeline.Ingest;
using Winnow.Pipeline.Run;
using Winnow.Pipeline.Tests.Run;
using Winnow.Scoring.Common;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Slurm;

/// <summary>`winnow run --runner slurm` through a real one-node Slurm: job array of shards, egress chained with afterok.</summary>
[Collection(SlurmCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmRunTests(SlurmCluster cluster)
{
    private static async Task<(string Db, string Weights, string ModelId, List<string> Paths, string Corrupt)> PrepareAsync(TempFolder temp, int count)
    {
        var images = Path.Combine(temp.Path, "plate");
        var paths = TestModels.Images(images, count, seed: 21);
        var corrupt = TestModels.Corrupt(images);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var db = Path.Combine(temp.Path, "winnow.db");
        await using var store = await ResultStore.OpenAsync(db);
        await new Ingester(store).IngestAsync(images, JobKind.Drops);
        return (db, weights, ModelFiles.ContentHash(weights), paths, corrupt);
    }

    // What the array tasks wrote (scripts and logs live under scratch/slurm/<run>/), for failure messages.
    private static string ShardLogs(TempFolder temp) => string.Join("\n", Directory.EnumerateFiles(Path.Combine(temp.Path, "scratch", "slurm"), "*.out", SearchOption.AllDirectories)
        .Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    [Fact]
    public async Task A_job_array_scores_every_shard_and_the_chained_egress_job_stores_each_image_once()
    {
        using var temp = new TempFolder();
        var (db, weights, modelId, paths, corrupt) = await PrepareAsync(temp, 90);
        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "run", "--runner", "slurm", "--shards", "3", "--poll", "0.5",
            "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "scratch"), "--batch", "16", "--json");
        Assert.True(exit == 0, $"{stderr}\n{stdout}\n{cluster.Logs()}");
        using var report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal("COMPLETED", report.RootElement.GetProperty("egress").GetString());
        Assert.True(report.RootElement.GetProperty("retried").GetArrayLength() == 0, "a shard failed: " + ShardLogs(temp));

        await using var store = await ResultStore.OpenAsync(db);
        foreach (var path in paths)
            Assert.Single(await store.GetScoresAsync((await store.FindImageAsync(path))!.Id), s => s.Scorer == modelId);
        Assert.True((await store.FindImageAsync(corrupt))!.Failed);
        var runs = await store.GetRecentRunsAsync(10);
        Assert.Equal(3, runs.Count(r => r.Kind.StartsWith("score shard ") && r.State == RunState.Succeeded));
        var egress = Assert.Single(runs, r => r.Kind == "egress");
        Assert.Equal((RunState.Succeeded, 90L, 1L), (egress.State, egress.ImagesDone, egress.ImagesFailed));
    }

    [Fact]
    public async Task A_shard_that_fails_is_retried_once_then_reported_and_the_other_shards_are_still_stored()
    {
        using var temp = new TempFolder();
        var (db, weights, modelId, paths, _) = await PrepareAsync(temp, 30);
        // A folder where shard 1's checkpoint file must go: that shard cannot write its results, however often it runs.
        var scratch = Path.Combine(temp.Path, "scratch");
        Directory.CreateDirectory(new CheckpointFolder(scratch, "drops", modelId).FileFor(new Shard(1, 3)));

        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "run", "--runner", "slurm", "--shards", "3", "--poll", "0.5",
            "--model", weights, "--db", db, "--scratch", scratch, "--json");
        Assert.True(exit == 1, $"{stderr}\n{stdout}\n{cluster.Logs()}");
        using var report = JsonDocument.Parse(stdout);
        Assert.False(report.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal([1], report.RootElement.GetProperty("retried").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1], report.RootElement.GetProperty("failedShards").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("COMPLETED", report.RootElement.GetProperty("egress").GetString());

        await using var store = await ResultStore.OpenAsync(db);
        foreach (var path in paths)
        {
            var image = (await store.FindImageAsync(path))!;
            Assert.Equal(new Shard(1, 3).Contains(image.Id) ? 0 : 1, (await store.GetScoresAsync(image.Id)).Count);
        }
    }
}
