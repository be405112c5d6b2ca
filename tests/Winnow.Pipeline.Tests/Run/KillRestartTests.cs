using Winnow.TestSupport;
using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Run;

/// <summary>
/// The pipeline's promise: killed (SIGKILL) at any point and started again, `winnow run` ends with every image scored
/// exactly once by the model and none missing. Real model, real images, real winnow processes.
/// </summary>
public sealed class KillRestartTests
{
    [Fact]
    public async Task A_run_of_2000_images_killed_at_random_points_and_restarted_scores_each_image_exactly_once()
    {
        using var temp = new TempFolder();
        var images = Path.Combine(temp.Path, "images");
        var paths = TestModels.Images(images, 1999, seed: 11);
        var corrupt = TestModels.Corrupt(images);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 32);
        var modelId = Scoring.Common.ModelFiles.ContentHash(weights);
        var db = Path.Combine(temp.Path, "winnow.db");
        await using (var store = await ResultStore.OpenAsync(db))
            Assert.Equal(2000, (await new Ingester(store).IngestAsync(images, JobKind.Drops)).ImagesAdded);

        var random = new Random(2026);
        var kills = 0;
        var finished = false;
        string[] arguments = ["run", "--job", "drops", "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "scratch"), "--batch", "32", "--json"];
        for (var attempt = 0; attempt < 40 && !finished; attempt++)
        {
            using var process = WinnowProcess.Start(temp.Path, arguments);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // The first dozen starts are killed after a random time: during start-up, find, scoring, or egress.
            if (attempt < 12 && !process.WaitForExit(random.Next(400, 3000)))
            {
                process.Kill(); // SIGKILL: no handler, no finally, no flush
                await process.WaitForExitAsync();
                kills++;
                continue;
            }
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"winnow run exited {process.ExitCode}: {await stderr}\n{await stdout}");
            finished = true;
        }
        Assert.True(finished, "winnow run did not finish in 40 starts");
        Assert.True(kills > 0, "no start was killed, so nothing was tested");

        await using (var store = await ResultStore.OpenAsync(db))
        {
            Assert.Empty(await store.GetUnscoredImagesAsync(JobKind.Drops, modelId, int.MaxValue));
            foreach (var path in paths)
            {
                var image = (await store.FindImageAsync(path))!;
                var scores = await store.GetScoresAsync(image.Id);
                var machine = Assert.Single(scores, s => s.Kind == ScorerKind.Machine && s.Scorer == modelId);
                Assert.Contains(machine.Class, new[] { "Crystals", "Precipitate", "Clear", "Other" });
                Assert.Equal(1.0, machine.Probabilities!.Values.Sum(), 4);
                Assert.False(image.Failed);
            }
            var bad = (await store.FindImageAsync(corrupt))!;
            Assert.True(bad.Failed);
            Assert.Contains("corrupt.jpg", bad.FailureReason);
            Assert.Empty(await store.GetScoresAsync(bad.Id));
            var summary = await store.GetSummaryAsync();
            Assert.Equal((2000, 1999, 0, 1), (summary.Images, summary.Scored, summary.Unscored, summary.Failed));
        }
        // Nothing left behind: checkpoints egressed and removed, staged copies cleaned.
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "scratch"), "*", SearchOption.AllDirectories));
    }
}
