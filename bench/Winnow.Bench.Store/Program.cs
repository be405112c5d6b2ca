using System.Diagnostics;
using Winnow.Bench.Store;
using Winnow.Store;

// Stores N machine scores through IResultStore and through a plain bulk insert of the same rows, in the same process,
// alternating (store, raw, store, raw) with a fresh model id each time, and prints scores/s and the ratio of the best runs.
// Usage: Winnow.Bench.Store SQLITE_PATH [POSTGRES_CONNECTION] [N]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Winnow.Bench.Store SQLITE_PATH [POSTGRES_CONNECTION] [N]");
    return 2;
}
var n = args.Length > 2 ? int.Parse(args[2]) : 100_000;
await Bench("sqlite", args[0], n, scores => RawInsert.Sqlite(args[0], scores));
if (args.Length > 1 && args[1].Length > 0)
    await Bench("postgres", args[1], n, scores => RawInsert.Postgres(args[1], scores));
return 0;

static async Task Bench(string engine, string database, int n, Action<IReadOnlyList<NewScore>> raw)
{
    await using var store = await ResultStore.OpenAsync(database);
    var inspection = await store.AddInspectionAsync(new NewInspection(JobKind.Drops, $"bench-{Guid.NewGuid():N}", "bench", "bench", "/bench"));
    var images = Enumerable.Range(0, n).Select(i => new NewImage(inspection, JobKind.Drops, $"/bench/{inspection}/{i}.jpg",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(((long)inspection << 32) + i))))).ToList();
    await store.AddImagesAsync(images);
    var ids = (await store.GetImagesAsync(inspection)).Select(i => i.Id).ToList();
    var classes = new[] { "Crystals", "Precipitate", "Clear", "Other" };
    List<NewScore> Scores(string model) => ids.Select((id, i) => new NewScore(id, ScorerKind.Machine, model, classes[i % 4],
        DateTimeOffset.UtcNow, new Dictionary<string, double> { ["Crystals"] = 0.7, ["Precipitate"] = 0.1, ["Clear"] = 0.1, ["Other"] = 0.1 },
        0.7)).ToList();

    // Warm-up: JIT and connection paths, not timed.
    await store.AddMachineScoresAsync(Scores("warm-store").Take(1000).ToList());
    raw(Scores("warm-raw").Take(1000).ToList());

    double bestStore = 0, bestRaw = 0;
    for (var round = 0; round < 2; round++)
    {
        var forStore = Scores($"store-{round}");
        var clock = Stopwatch.StartNew();
        var added = await store.AddMachineScoresAsync(forStore);
        var storeRate = added / clock.Elapsed.TotalSeconds;
        if (added != n)
            throw new InvalidOperationException($"the store added {added} of {n} scores");

        var forRaw = Scores($"raw-{round}");
        clock.Restart();
        raw(forRaw);
        var rawRate = n / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{engine,-8} round {round + 1}: store {storeRate,10:N0} scores/s   plain bulk insert {rawRate,10:N0} scores/s");
        bestStore = Math.Max(bestStore, storeRate);
        bestRaw = Math.Max(bestRaw, rawRate);
    }
    Console.WriteLine($"{engine,-8} best:    store {bestStore,10:N0} scores/s   plain bulk insert {bestRaw,10:N0} scores/s   store/plain = {bestStore / bestRaw:0.00}");
}
