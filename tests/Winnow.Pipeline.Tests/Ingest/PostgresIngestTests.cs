using Winnow.Pipeline.Ingest;
using Winnow.Store;
using Winnow.Store.Tests.Postgres;

namespace Winnow.Pipeline.Tests.Ingest;

/// <summary>Ingest and score import against a real PostgreSQL server: the same results as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestTests(PostgresServer server)
{
    [Fact]
    public async Task The_real_drops_folder_ingests_once_and_human_scores_import_once()
    {
        await using var store = await ResultStore.OpenAsync(await server.CreateDatabaseAsync());
        var drops = SharedData.Path("drops");
        Assert.Equal(57, (await new Ingester(store).IngestAsync(drops, JobKind.Drops)).ImagesAdded);
        Assert.Equal(0, (await new Ingester(store).IngestAsync(drops, JobKind.Drops)).ImagesAdded);

        using var temp = new TempFolder();
        var csv = temp.File("scores.csv", $"image,class,scorer,time\n{Path.Combine(drops, "90j8_01A_1.jpg")},Clear,ana,2025-03-01T10:00:00Z\n");
        Assert.Equal(1, (await new ScoreImporter(store).ImportAsync(csv)).Added);
        Assert.Equal(1, (await new ScoreImporter(store).ImportAsync(csv)).AlreadyThere);
        Assert.Equal(new Dictionary<string, long> { ["Clear"] = 1 }, (await store.GetSummaryAsync()).Classes);
    }
}
