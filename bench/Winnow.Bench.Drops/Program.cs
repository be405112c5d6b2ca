// Drops scoring throughput: JPEG files → class probabilities at batch 32 with the DropsScorer (OpenCV decode+resize
// in one native call, libtorch ResNet-18). Prints "winnow images_per_s X peak_rss_mb Y" (median of the repetitions).
// Usage: Winnow.Bench.Drops WEIGHTS FOLDER [threads] [repetitions]
using System.Diagnostics;
using System.Globalization;
using Winnow.Scoring.Drops;
using Winnow.Torch;

var weights = args[0];
var files = Directory.EnumerateFiles(args[1], "*.jpg").Order().ToList();
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var reps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
torch.SetNumThreads(threads);
using var scorer = DropsScorer.Open(weights, batchSize: 32);
scorer.Score(files.Take(32).ToList()); // warm-up: allocator, kernels, page cache
var rates = new List<double>();
for (var r = 0; r < reps; r++)
{
    var clock = Stopwatch.StartNew();
    var scores = scorer.Score(files);
    clock.Stop();
    if (scores.Any(s => !s.Ok)) throw new InvalidDataException(scores.First(s => !s.Ok).Error);
    rates.Add(files.Count / clock.Elapsed.TotalSeconds);
}
rates.Sort();
using var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"winnow images_per_s {rates[rates.Count / 2]:0.00} peak_rss_mb {process.PeakWorkingSet64 / 1048576.0:0}"));
