using Winnow.TestSupport;
using System.Text.Json;
using Winnow.Pipeline.Ingest;
using Winnow.Pipeline.Run;
using Winnow.Scoring.Common;
using Winnow.Store;
using Winnow.Store.Tests.Postgres;

namespace Winnow.Pipeline.Tests.Run;

/// <summary>`winnow run` end to end on a few images: summary, failures, idempotence, checkpoint resume, scores equal to the model alone.</summary>
public sealed class LocalRunTests
{
    [Fact]
    public async Task A_corrupt_image_is_recorded_with_its_reason_skipped_and_listed_in_the_summary()
    {
        using var temp = new TempFolder();
        var images = Path.Combine(temp.Path, "plate");
        TestModels.Images(images, 40, seed: 3);
        var corrupt = TestModels.Corrupt(images);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var db = Path.Combine(temp.Path, "winnow.db");
        Assert.Equal(0, WinnowProcess.Run(temp.Path, "ingest", images, "--job", "drops", "--db", db, "--json").Exit);

        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "run", "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "s"), "--batch", "8", "--json");
        Assert.True(exit == 0, stderr + stdout);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(41, summary.RootElement.GetProperty("unscored").GetInt32());
        Assert.Equal(40, summary.RootElement.GetProperty("stored").GetInt32());
        var failed = Assert.Single(summary.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Equal(corrupt, failed.GetProperty("path").GetString());
        Assert.StartsWith(corrupt, failed.GetProperty("reason").GetString()); // names the original, not the staged copy

        // A second run finds nothing to do and stores nothing.
        (exit, stdout, _) = WinnowProcess.Run(temp.Path, "run", "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "s"), "--json");
        Assert.Equal(0, exit);
        using var again = JsonDocument.Parse(stdout);
        Assert.Equal(0, again.RootElement.GetProperty("unscored").GetInt32());
        Assert.Equal(0, again.RootElement.GetProperty("stored").GetInt32());

        // The rolling log beside the database tells both runs.
        var log = File.ReadAllText(Path.Combine(temp.Path, "winnow.log"));
        Assert.Contains("Winnow score (drops) succeeded: 40 images, 1 failed", log);
    }

    [Fact]
    public async Task Stored_scores_are_what_the_model_alone_gives()
    {
        using var temp = new TempFolder();
        var paths = TestModels.Images(Path.Combine(temp.Path, "plate"), 20, seed: 5);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        await using var store = await ResultStore.OpenAsync(Path.Combine(temp.Path, "winnow.db"));
        await new Ingester(store).IngestAsync(Path.Combine(temp.Path, "plate"), JobKind.Drops);
        using var scorer = ScorerFactory.Create("drops", weights, batchSize: 6);
        var report = await new PipelineRunner(store, scorer, new RunOptions(JobKind.Drops, weights, Path.Combine(temp.Path, "s"), BatchSize: 6)).RunAsync();
        Assert.Equal(20, report.Egress!.Stored);

        var alone = scorer.Score(paths);
        for (var i = 0; i < paths.Count; i++)
        {
            var stored = Assert.Single(await store.GetScoresAsync((await store.FindImageAsync(paths[i]))!.Id));
            Assert.Equal(alone[i].Class, stored.Class);
            Assert.Equal(report.RunId, stored.RunId);
            foreach (var (name, p) in alone[i].Probabilities)
                Assert.Equal(p, stored.Probabilities![name], 5);
        }
    }

    [Fact]
    public async Task Checkpointed_batches_are_egressed_without_scoring_them_again()
    {
        using var temp = new TempFolder();
        TestModels.Images(Path.Combine(temp.Path, "plate"), 30, seed: 9);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var scratch = Path.Combine(temp.Path, "s");
        await using var store = await ResultStore.OpenAsync(Path.Combine(temp.Path, "winnow.db"));
        await new Ingester(store).IngestAsync(Path.Combine(temp.Path, "plate"), JobKind.Drops);
        using var scorer = ScorerFactory.Create("drops", weights, batchSize: 8);

        // A shard run without egress leaves its results in a checkpoint, as a killed run does.
        var shard = await new PipelineRunner(store, scorer, new RunOptions(JobKind.Drops, weights, scratch, BatchSize: 8, Shard: new Shard(0, 1), Egress: false)).RunAsync();
        Assert.Equal(30, shard.Scored);
        Assert.Equal(30, (await store.GetUnscoredImagesAsync(JobKind.Drops, scorer.Card.Id, 100)).Count);
        // A torn last line (killed mid-write) is ignored.
        var file = new CheckpointFolder(scratch, "drops", scorer.Card.Id).Files().Single();
        File.AppendAllText(file, "{\"model\":\"" + scorer.Card.Id + "\",\"scored_at\":\"2026-");

        var resumed = await new PipelineRunner(store, scorer, new RunOptions(JobKind.Drops, weights, scratch, BatchSize: 8)).RunAsync();
        Assert.Equal((30, 30, 0, 30), (resumed.Unscored, resumed.Resumed, resumed.Scored, resumed.Egress!.Stored));
        Assert.Empty(await store.GetUnscoredImagesAsync(JobKind.Drops, scorer.Card.Id, 100));
        Assert.Empty(new CheckpointFolder(scratch, "drops", scorer.Card.Id).Files());
    }

    [Fact]
    public void A_job_without_a_scorer_and_a_missing_model_are_clear_errors()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = WinnowProcess.Run(temp.Path, "run", "--job", "classes", "--db", Path.Combine(temp.Path, "w.db"));
        Assert.Equal(2, exit);
        Assert.Contains("There is no scorer for the classes job yet", stderr);
        (exit, _, stderr) = WinnowProcess.Run(temp.Path, "run", "--job", "drops", "--model", Path.Combine(temp.Path, "none.safetensors"), "--db", Path.Combine(temp.Path, "w.db"));
        Assert.Equal(2, exit);
        Assert.Contains("none.safetensors: model weights not found", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}

/// <summary>The same run against a real PostgreSQL server: egress goes through binary COPY.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunTests(PostgresServer server)
{
    [Fact]
    public async Task A_run_on_postgres_stores_each_image_once_and_records_the_corrupt_one()
    {
        using var temp = new TempFolder();
        var images = Path.Combine(temp.Path, "plate");
        TestModels.Images(images, 50, seed: 4);
        var corrupt = TestModels.Corrupt(images);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, WinnowProcess.Run(temp.Path, "ingest", images, "--job", "drops", "--db", db, "--json").Exit);
        for (var i = 0; i < 2; i++)
        {
            var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "run", "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "s"), "--json");
            Assert.True(exit == 0, stderr + stdout);
        }
        await using var store = await ResultStore.OpenAsync(db);
        var summary = await store.GetSummaryAsync();
        Assert.Equal((51L, 50L, 0L, 1L), (summary.Images, summary.Scored, summary.Unscored, summary.Failed));
        Assert.True((await store.FindImageAsync(corrupt))!.Failed);
    }
}

/// <summary>Two runs on one scratch folder (an hourly cron run overlapping a long run) cannot write one checkpoint.</summary>
public sealed class CheckpointLockTests
{
    [Fact]
    public void A_checkpoint_being_written_cannot_be_opened_by_a_second_run()
    {
        using var temp = new TempFolder();
        var folder = new CheckpointFolder(Path.Combine(temp.Path, "s"), "drops", new string('a', 64));
        using var first = CheckpointFile.OpenForAppend(folder.FileFor(null));
        var error = Assert.Throws<IOException>(() => CheckpointFile.OpenForAppend(folder.FileFor(null)));
        Assert.Contains("another winnow run is writing this checkpoint", error.Message);
        Assert.Throws<IOException>(() => folder.ReadAll());
    }
}
