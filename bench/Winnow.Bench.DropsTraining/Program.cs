// Drops training throughput: images per second through DropsRecipe.Train (class-balanced sampling, augmentation,
// ResNet-18 forward, label-smoothed cross-entropy, backward, AdamW) on simulated photographs already decoded to the
// input side, in float32 or with the forward pass in bfloat16 (autocast).
// Prints "winnow-PRECISION images_per_s X peak_rss_mb Y".
// Usage: Winnow.Bench.DropsTraining SIZE BATCH STEPS THREADS float32|bfloat16 [resnet18|resnet18-s2d]
using System.Diagnostics;
using System.Globalization;
using Winnow.Scoring.Drops;
using Winnow.Torch;

int Arg(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
var (size, batch, steps, threads, precisionName) = (Arg(0), Arg(1), Arg(2), Arg(3), args[4]);
var precision = precisionName == "bfloat16" ? ScalarType.BFloat16 : ScalarType.Float32;
var architecture = args.Length > 5 ? args[5] : DropsModel.Architecture;
torch.SetNumThreads(threads);
// Two batches' worth of photographs: the recipe samples batches from the set with replacement, so its size does not
// change the cost of a step; an epoch of this set is two steps.
var set = DropImageSet.Simulate(seed: 5, n: 2 * batch, size, threads: Environment.ProcessorCount);
using var net = DropsModel.Create(architecture);
DropsRecipe.Train(net, set, new DropsTrainingOptions { Epochs = 1, BatchSize = batch, Precision = precision }); // warm-up: allocator, kernels
var clock = Stopwatch.StartNew();
DropsRecipe.Train(net, set, new DropsTrainingOptions { Epochs = Math.Max(1, steps / 2), BatchSize = batch, Precision = precision });
clock.Stop();
using var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"winnow-{precisionName} images_per_s {2 * Math.Max(1, steps / 2) * batch / clock.Elapsed.TotalSeconds:0.00} peak_rss_mb {process.PeakWorkingSet64 / 1048576.0:0}"));
