using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Ingest;

public sealed class DisagreementExportTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();
    private IResultStore _store = null!;

    public async Task InitializeAsync() => _store = await ResultStore.OpenAsync(Path.Combine(_temp.Path, "winnow.db"));

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Disagreements_become_a_labelled_folder_and_a_csv()
    {
        _temp.File("p/a/X_01A_1.jpg", "aaa");
        _temp.File("p/b/X_01A_1.jpg", "bbb");  // same name, other plate folder
        _temp.File("p/a/X_01B_1.jpg", "ccc");
        await new Ingester(_store).IngestAsync(Path.Combine(_temp.Path, "p"), JobKind.Drops);
        var images = new List<ImageRecord>();
        foreach (var path in new[] { "p/a/X_01A_1.jpg", "p/b/X_01A_1.jpg", "p/a/X_01B_1.jpg" })
            images.Add((await _store.FindImageAsync(Path.Combine(_temp.Path, path)))!);
        var now = DateTimeOffset.UtcNow;
        await _store.AddMachineScoresAsync(images.Select(i => new NewScore(i.Id, ScorerKind.Machine, "m1", "Crystals", now.AddHours(-1))).ToList());
        await _store.AddHumanScoreAsync(new NewScore(images[0].Id, ScorerKind.Human, "ana", "Clear", now));
        await _store.AddHumanScoreAsync(new NewScore(images[1].Id, ScorerKind.Human, "ana", "Clear", now));
        await _store.AddHumanScoreAsync(new NewScore(images[2].Id, ScorerKind.Human, "ana", "Crystals", now));

        var since = TimeWindow.Since("7d", now);
        var export = Path.Combine(_temp.Path, "out");
        var (exported, missing) = await DisagreementExport.WriteAsync(await _store.GetDisagreementsAsync(since), export);

        Assert.Equal(2, exported);
        Assert.Empty(missing);
        var files = Directory.GetFiles(Path.Combine(export, "Clear")).Select(f => File.ReadAllText(f)).Order();
        Assert.Equal(["aaa", "bbb"], files);
        Assert.False(Directory.Exists(Path.Combine(export, "Crystals")));
        var lines = File.ReadAllLines(Path.Combine(export, DisagreementExport.LabelsFile));
        Assert.Equal("path,label,machine_class,model,human_scorer,human_time,sha256,source", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Clear/X_01A_1.jpg,Clear,Crystals,m1,ana,", lines[1]);
        Assert.Contains($"Clear/{images[1].Sha256[..12]}_X_01A_1.jpg", lines[2]);
    }

    [Theory]
    [InlineData("7d", 7 * 24.0)]
    [InlineData("12h", 12.0)]
    [InlineData("30m", 0.5)]
    [InlineData("2w", 14 * 24.0)]
    public void Time_windows_count_back_from_now(string text, double hours)
    {
        var now = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-hours), TimeWindow.Since(text, now));
    }

    [Fact]
    public void A_date_is_a_window_start_and_nonsense_is_a_clear_error()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), TimeWindow.Since("2025-03-01", DateTimeOffset.UtcNow));
        var error = Assert.Throws<ArgumentException>(() => TimeWindow.Since("a week", DateTimeOffset.UtcNow));
        Assert.Contains("7d", error.Message);
    }
}
