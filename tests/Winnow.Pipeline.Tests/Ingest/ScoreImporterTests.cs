using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Ingest;

public sealed class ScoreImporterTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();
    private IResultStore _store = null!;
    private ImageRecord _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _store = await ResultStore.OpenAsync(Path.Combine(_temp.Path, "winnow.db"));
        _temp.File("plate/P1_01A_1.jpg");
        _temp.File("plate/P1_01B_1.jpg");
        await new Ingester(_store).IngestAsync(Path.Combine(_temp.Path, "plate"), JobKind.Drops);
        _a = (await _store.FindImageAsync(Path.Combine(_temp.Path, "plate", "P1_01A_1.jpg")))!;
        _b = (await _store.FindImageAsync(Path.Combine(_temp.Path, "plate", "P1_01B_1.jpg")))!;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Good_rows_are_stored_and_each_bad_row_is_named_by_file_and_line()
    {
        var csv = _temp.File("scores.csv", string.Join('\n',
            "image,class,scorer,time",
            $"{_a.Path},Crystals,ana,2025-03-01T10:00:00Z",
            $"{_b.Sha256},\"Clear, mostly\",ben,2025-03-01 11:00",
            $"{_a.Path},Clear,ana,yesterday",
            "plate/P1_01B_1.jpg,Precipitate,cy,2025-03-02T00:00:00+02:00",
            "plate/missing.jpg,Clear,ana,2025-03-01T10:00:00Z",
            $"{_a.Path},Clear",
            ""));
        var report = await new ScoreImporter(_store).ImportAsync(csv);

        Assert.Equal(3, report.Added);
        Assert.Equal(
            [
                $"{csv} line 4: time 'yesterday' is not a date and time like 2025-03-01T12:00:00Z",
                $"{csv} line 6: image 'plate/missing.jpg' is not in the store; ingest its folder first (winnow ingest)",
                $"{csv} line 7: expected 4 fields as in the header, found 2",
            ],
            report.Errors.Select(e => e.ToString()));
        var latestB = await _store.GetLatestScoreAsync(_b.Id, ScorerKind.Human);
        Assert.Equal("Precipitate", latestB!.Class);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 22, 0, 0, TimeSpan.Zero), latestB.ScoredAt);
        Assert.Equal(["Clear, mostly", "Precipitate"], (await _store.GetScoresAsync(_b.Id)).Select(s => s.Class));

        var again = await new ScoreImporter(_store).ImportAsync(csv);
        Assert.Equal(0, again.Added);
        Assert.Equal(3, again.AlreadyThere);
    }

    [Fact]
    public async Task A_missing_file_or_header_is_one_clear_error()
    {
        var missing = Path.Combine(_temp.Path, "none.csv");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => new ScoreImporter(_store).ImportAsync(missing));
        Assert.Contains(missing, notFound.Message);
        Assert.Contains("image,class,scorer,time", notFound.Message);

        var noHeader = _temp.File("bad.csv", $"{_a.Path},Clear,ana,2025-03-01T10:00:00Z\n");
        var bad = await Assert.ThrowsAsync<InvalidDataException>(() => new ScoreImporter(_store).ImportAsync(noHeader));
        Assert.Contains(noHeader, bad.Message);
        Assert.Contains("line 1", bad.Message);
    }
}
