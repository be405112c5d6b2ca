using System.Diagnostics;
using System.Text.Json;
using Winnow.Pipeline.Ingest;
using Winnow.Scoring.Common;
using Winnow.Store;
using Winnow.TestSupport;
using Winnow.Torch;

// Pipeline efficiency: `winnow run` (a separate process: find → stage → score → checkpoint → egress) against the model
// alone (the scorer `winnow run` uses for drops, from ScorerFactory, Score over the same files in batches of 32, model
// already loaded), on the same images.
// Usage: Winnow.Bench.Pipeline WORKDIR WINNOW_DLL [N=2000] [INPUT=128]
var work = args[0];
var winnow = args[1];
var n = args.Length > 2 ? int.Parse(args[2]) : 2000;
var input = args.Length > 3 ? int.Parse(args[3]) : 128;
const int Batch = 32;

var images = Path.Combine(work, "images");
var files = TestModels.Images(images, n, seed: 1, size: 256, prefix: "drop");
var weights = TestModels.ResNet18(work, input);
Console.WriteLine($"{n} images (256×256 JPEG/PNG), ResNet-18 at {input}×{input}, batch {Batch}, {torch.GetNumThreads()} libtorch threads");

double ModelAlone()
{
    using var scorer = ScorerFactory.Create("drops", weights, Batch);
    scorer.Score(files.Take(Batch).ToList()); // warm-up
    var clock = Stopwatch.StartNew();
    foreach (var chunk in files.Chunk(Batch))
        scorer.Score(chunk);
    return n / clock.Elapsed.TotalSeconds;
}

(double Process, double Run) Pipeline(int round)
{
    var db = Path.Combine(work, $"bench-{round}.db");
    var store = ResultStore.OpenAsync(db).GetAwaiter().GetResult();
    new Ingester(store).IngestAsync(images, JobKind.Drops).GetAwaiter().GetResult();
    store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { winnow, "run", "--job", "drops", "--model", weights, "--db", db, "--scratch", Path.Combine(work, "scratch"), "--batch", $"{Batch}", "--json" })
        start.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var stdout = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    var wall = clock.Elapsed.TotalSeconds;
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"winnow run failed: {stderr.Result}");
    using var json = JsonDocument.Parse(stdout);
    var stored = json.RootElement.GetProperty("stored").GetInt32();
    if (stored != n)
        throw new InvalidOperationException($"winnow run stored {stored} scores, expected {n}");
    return (n / wall, n / json.RootElement.GetProperty("seconds").GetDouble());
}

// Interleaved, so that the other work on a shared machine falls on both sides alike.
var alone = new List<double>();
var pipeline = new List<(double Process, double Run)>();
for (var round = 0; round < 2; round++)
{
    alone.Add(ModelAlone());
    pipeline.Add(Pipeline(round));
}
alone.Add(ModelAlone());
var a = alone.Average();
var p = pipeline.Average(x => x.Process);
var r = pipeline.Average(x => x.Run);
using (var probe = ScorerFactory.Create("drops", weights, Batch))
    Console.WriteLine($"scorer: {probe.GetType().Name}");
Console.WriteLine($"model alone (Score in a loop)         {a,8:0.0} images/s   rounds: {string.Join(", ", alone.Select(x => x.ToString("0.0")))}");
Console.WriteLine($"winnow run, whole process             {p,8:0.0} images/s   efficiency {p / a:P1}  (includes .NET start, model load, find, egress)");
Console.WriteLine($"winnow run, pipeline (after load)     {r,8:0.0} images/s   efficiency {r / a:P1}");
