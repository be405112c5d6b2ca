namespace Winnow.Store.Tests;

/// <summary>What every engine of the store must do; one subclass per engine runs all of it against a real database.</summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected IResultStore Store { get; private set; } = null!;

    /// <summary>Makes an empty database and returns its --db value.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs SQL on the database behind the store, outside it.</summary>
    protected abstract Task<object?> RawScalarAsync(string sql);

    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await NewDatabaseAsync();
        Store = await ResultStore.OpenAsync(_database);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private async Task<long> InspectionAsync(string key = "plate-1") =>
        await Store.AddInspectionAsync(new NewInspection(JobKind.Drops, key, key, "test", "/data/" + key));

    private static string Hash(int n) => n.ToString("x64");

    private async Task<List<long>> ImagesAsync(int count, long? inspection = null)
    {
        var id = inspection ?? await InspectionAsync();
        var images = Enumerable.Range(1, count).Select(n => new NewImage(id, JobKind.Drops, $"/data/img{n}.jpg", Hash(n), $$"""{"drop":{{n}}}""")).ToList();
        Assert.Equal(count, await Store.AddImagesAsync(images));
        var ids = new List<long>();
        foreach (var image in images)
            ids.Add((await Store.FindImageAsync(image.Path))!.Id);
        return ids;
    }

    private static NewScore Machine(long image, string model, string @class, int minutes = 0) =>
        new(image, ScorerKind.Machine, model, @class, T0.AddMinutes(minutes),
            new Dictionary<string, double> { [@class] = 0.75, ["Other"] = 0.25 }, 0.75);

    private static NewScore Human(long image, string person, string @class, int minutes) =>
        new(image, ScorerKind.Human, person, @class, T0.AddMinutes(minutes));

    [Fact]
    public async Task A_fresh_database_is_migrated_to_the_newest_version_once()
    {
        Assert.Equal(1, Store.SchemaVersion);
        await InspectionAsync();
        await Store.DisposeAsync();
        Store = await ResultStore.OpenAsync(_database);
        Assert.Equal(1, Store.SchemaVersion);
        Assert.Equal(1L, Convert.ToInt64(await RawScalarAsync("SELECT COUNT(*) FROM schema_version")));
        Assert.Single(await Store.GetInspectionsAsync());
    }

    [Fact]
    public async Task A_database_from_a_newer_Winnow_is_refused_with_a_clear_message()
    {
        await RawScalarAsync($"INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', {NowLiteral})");
        await Store.DisposeAsync();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ResultStore.OpenAsync(_database));
        Assert.Contains("schema version 99", error.Message);
        Store = await ResultStore.OpenAsync(await NewDatabaseAsync());
    }

    /// <summary>A time literal the engine accepts in raw SQL.</summary>
    protected abstract string NowLiteral { get; }

    [Fact]
    public async Task The_same_inspection_key_gives_the_same_inspection()
    {
        var first = await InspectionAsync("a");
        Assert.Equal(first, await InspectionAsync("a"));
        Assert.NotEqual(first, await InspectionAsync("b"));
        var all = await Store.GetInspectionsAsync();
        Assert.Equal(["a", "b"], all.Select(i => i.Key));
        Assert.Equal("/data/a", all[0].Source);
    }

    [Fact]
    public async Task Registering_known_images_again_adds_nothing_and_keeps_their_metadata()
    {
        var inspection = await InspectionAsync();
        var ids = await ImagesAsync(3, inspection);
        var again = new NewImage(inspection, JobKind.Drops, "/elsewhere/copy.jpg", Hash(1), """{"drop":99}""");
        Assert.Equal(0, await Store.AddImagesAsync([again]));
        var image = await Store.FindImageAsync(Hash(1).ToUpperInvariant());
        Assert.NotNull(image);
        Assert.Equal(ids[0], image.Id);
        Assert.Equal("/data/img1.jpg", image.Path);
        Assert.Contains("\"drop\"", image.MetadataJson);
        Assert.Contains("1", image.MetadataJson);
        Assert.DoesNotContain("99", image.MetadataJson);
        Assert.Null(await Store.FindImageAsync("/data/none.jpg"));
        Assert.Equal(3, (await Store.GetImagesAsync(inspection)).Count);
    }

    [Fact]
    public async Task Machine_scores_are_stored_in_bulk_and_a_model_scores_an_image_only_once()
    {
        var images = await ImagesAsync(500);
        var scores = images.Select(i => Machine(i, "model-a", "Clear")).ToList();
        Assert.Equal(500, await Store.AddMachineScoresAsync(scores));
        Assert.Equal(0, await Store.AddMachineScoresAsync(scores));
        // A repeat inside one batch is also stored once.
        Assert.Equal(1, await Store.AddMachineScoresAsync([Machine(images[0], "model-b", "Clear"), Machine(images[0], "model-b", "Other")]));
        Assert.Equal(501L, Convert.ToInt64(await RawScalarAsync("SELECT COUNT(*) FROM score")));

        var stored = await Store.GetLatestScoreAsync(images[7], ScorerKind.Machine);
        Assert.NotNull(stored);
        Assert.Equal("model-a", stored.Scorer);
        Assert.Equal("Clear", stored.Class);
        Assert.Equal(0.75, stored.Value);
        Assert.Equal(0.25, stored.Probabilities!["Other"]);
        Assert.Equal(T0, stored.ScoredAt);
    }

    [Fact]
    public async Task A_bulk_insert_is_one_transaction()
    {
        var images = await ImagesAsync(3);
        var scores = images.Select(i => Machine(i, "model-a", "Clear")).Append(Machine(999_999, "model-a", "Clear")).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddMachineScoresAsync(scores));
        Assert.Equal(0L, Convert.ToInt64(await RawScalarAsync("SELECT COUNT(*) FROM score")));
        Assert.Equal(3, await Store.AddMachineScoresAsync(scores.Take(3).ToList()));
    }

    [Fact]
    public async Task Human_scores_are_appended_beside_machine_scores_and_the_latest_is_a_query()
    {
        var image = (await ImagesAsync(1))[0];
        await Store.AddMachineScoresAsync([Machine(image, "model-a", "Precipitate")]);
        Assert.True(await Store.AddHumanScoreAsync(Human(image, "ana", "Clear", 5)));
        Assert.True(await Store.AddHumanScoreAsync(Human(image, "ana", "Crystals", 10)));
        Assert.False(await Store.AddHumanScoreAsync(Human(image, "ana", "Crystals", 10)));
        Assert.True(await Store.AddHumanScoreAsync(Human(image, "ben", "Other", 1)));

        var all = await Store.GetScoresAsync(image);
        Assert.Equal(["Precipitate", "Other", "Clear", "Crystals"], all.Select(s => s.Class));
        Assert.Equal("Crystals", (await Store.GetLatestScoreAsync(image, ScorerKind.Human))!.Class);
        Assert.Equal("Precipitate", (await Store.GetLatestScoreAsync(image, ScorerKind.Machine))!.Class);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddHumanScoreAsync(Machine(image, "model-a", "Clear")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddMachineScoresAsync([Human(image, "ana", "Clear", 20)]));
    }

    [Fact]
    public async Task Unscored_images_are_those_this_model_has_not_scored_and_that_did_not_fail()
    {
        var images = await ImagesAsync(4);
        await Store.AddMachineScoresAsync([Machine(images[0], "model-a", "Clear"), Machine(images[1], "model-b", "Clear")]);
        await Store.MarkImageFailedAsync(images[2], "truncated JPEG");
        var unscored = await Store.GetUnscoredImagesAsync(JobKind.Drops, "model-a", 10);
        Assert.Equal([images[1], images[3]], unscored.Select(i => i.Id));
        Assert.Single(await Store.GetUnscoredImagesAsync(JobKind.Drops, "model-a", 1));
        Assert.Empty(await Store.GetUnscoredImagesAsync(JobKind.Diffraction, "model-a", 10));
        var failed = await Store.FindImageAsync(Hash(3));
        Assert.True(failed!.Failed);
        Assert.Equal("truncated JPEG", failed.FailureReason);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.MarkImageFailedAsync(123_456, "x"));
    }

    [Fact]
    public async Task Human_labels_are_the_latest_human_class_of_each_readable_labelled_image()
    {
        var images = await ImagesAsync(4);
        await Store.AddHumanScoreAsync(Human(images[0], "ana", "Clear", 5));
        await Store.AddHumanScoreAsync(Human(images[0], "ben", "Crystals", 9));   // the later label wins
        await Store.AddHumanScoreAsync(Human(images[1], "ana", "Other", 5));
        await Store.AddHumanScoreAsync(Human(images[2], "ana", "Precipitate", 5));
        await Store.MarkImageFailedAsync(images[2], "unreadable");                // not trainable
        await Store.AddMachineScoresAsync([Machine(images[3], "model-a", "Clear")]); // machine scores are not labels
        var labels = await Store.GetHumanLabelsAsync(JobKind.Drops);
        Assert.Equal([(images[0], "Crystals"), (images[1], "Other")], labels.Select(l => (l.Image.Id, l.Class)));
        Assert.Empty(await Store.GetHumanLabelsAsync(JobKind.Diffraction));
    }

    [Fact]
    public async Task Disagreements_compare_the_latest_human_and_latest_machine_scores_in_the_window()
    {
        var images = await ImagesAsync(4);
        await Store.AddMachineScoresAsync(images.Select(i => Machine(i, "model-a", "Crystals")).ToList());
        await Store.AddHumanScoreAsync(Human(images[0], "ana", "Clear", 60));      // disagrees
        await Store.AddHumanScoreAsync(Human(images[1], "ana", "Clear", 60));      // disagreed, then agreed
        await Store.AddHumanScoreAsync(Human(images[1], "ana", "Crystals", 61));
        await Store.AddHumanScoreAsync(Human(images[2], "ana", "Crystals", 60));   // agrees
        // images[3]: no human score

        var found = await Store.GetDisagreementsAsync(T0.AddMinutes(30));
        var only = Assert.Single(found);
        Assert.Equal(images[0], only.Image.Id);
        Assert.Equal("Clear", only.Human.Class);
        Assert.Equal("Crystals", only.Machine.Class);
        Assert.Equal("ana", only.Human.Scorer);
        Assert.Empty(await Store.GetDisagreementsAsync(T0.AddMinutes(90)));
    }

    [Fact]
    public async Task The_summary_counts_images_by_state_and_by_current_label()
    {
        var images = await ImagesAsync(5);
        await Store.AddMachineScoresAsync([Machine(images[0], "m", "Clear"), Machine(images[1], "m", "Clear"), Machine(images[2], "m", "Crystals")]);
        await Store.AddHumanScoreAsync(Human(images[1], "ana", "Precipitate", 5));   // the person's label wins
        await Store.AddHumanScoreAsync(Human(images[3], "ana", "Clear", 5));
        await Store.MarkImageFailedAsync(images[4], "unreadable");
        var run = await Store.StartRunAsync("ingest", JobKind.Drops, null);
        await Store.FinishRunAsync(run, RunState.Succeeded, 5, 1, "done");

        var summary = await Store.GetSummaryAsync();
        Assert.Equal(1, summary.Inspections);
        Assert.Equal(5, summary.Images);
        Assert.Equal(4, summary.Scored);
        Assert.Equal(0, summary.Unscored);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(new Dictionary<string, long> { ["Clear"] = 2, ["Crystals"] = 1, ["Precipitate"] = 1 }, summary.Classes);
        var last = Assert.Single(summary.Runs);
        Assert.Equal(RunState.Succeeded, last.State);
        Assert.Equal(5, last.ImagesDone);
        Assert.Equal("done", last.Message);
        Assert.NotNull(last.FinishedAt);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_and_a_started_run_is_running()
    {
        var first = await Store.StartRunAsync("ingest", JobKind.Drops, null);
        var second = await Store.StartRunAsync("score", JobKind.Diffraction, "abc");
        var runs = await Store.GetRecentRunsAsync(10);
        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.Equal(RunState.Running, runs[0].State);
        Assert.Equal("abc", runs[0].ModelId);
        Assert.Equal(JobKind.Diffraction, runs[0].Job);
        Assert.Null(runs[0].FinishedAt);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FinishRunAsync(999, RunState.Failed, 0, 0, null));
    }

    [Fact]
    public async Task Models_are_registered_once_by_hash_and_votes_are_kept()
    {
        var model = new ModelRecord(Hash(42), JobKind.Drops, "marco-like", """{"classes":["Crystals","Clear"]}""", T0);
        await Store.RegisterModelAsync(model);
        await Store.RegisterModelAsync(model with { Name = "renamed" });
        var stored = await Store.GetModelAsync(Hash(42));
        Assert.Equal("marco-like", stored!.Name);
        Assert.Contains("Crystals", stored.CardJson);
        Assert.Null(await Store.GetModelAsync("nope"));

        var image = (await ImagesAsync(1))[0];
        Assert.True(await Store.AddVoteAsync(image, "ana", "Clear", T0));
        Assert.False(await Store.AddVoteAsync(image, "ana", "Clear", T0));
        Assert.True(await Store.AddVoteAsync(image, "ben", "Crystals", T0.AddSeconds(1)));
        Assert.Equal(["ana", "ben"], (await Store.GetVotesAsync(image)).Select(v => v.Voter));
    }
}
