using System.Diagnostics;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.optim;

// ResNet-18 at 224², batch 32: (a) inference, (b) forward + backward + AdamW step. Prints the median
// seconds of each, in the same format as engine_parity.py, so run.sh can put the two side by side.
var threads = args.Length > 0 ? int.Parse(args[0]) : Environment.ProcessorCount;
var repetitions = args.Length > 1 ? int.Parse(args[1]) : 5;
var batch = args.Length > 2 ? int.Parse(args[2]) : 32;
torch.SetNumThreads(threads);
torch.ManualSeed(0);

using var model = ResNet.ResNet18(1000, 3);
using var x = torch.Randn([batch, 3, 224, 224]).DetachFromDisposeScope();
using var y = torch.RandInt(0, 1000, [batch]).DetachFromDisposeScope();

double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

double TimeInference()
{
    model.Eval();
    using var noGrad = torch.NoGrad();
    using var scope = torch.NewScope();
    var watch = Stopwatch.StartNew();
    model.Forward(x);
    return watch.Elapsed.TotalSeconds;
}

using var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
double TimeTrainStep()
{
    model.Train();
    using var scope = torch.NewScope();
    var watch = Stopwatch.StartNew();
    optimizer.ZeroGrad();
    var loss = F.CrossEntropy(model.Forward(x), y);
    loss.Backward();
    optimizer.Step();
    return watch.Elapsed.TotalSeconds;
}

TimeInference(); // warm-up: oneDNN primitive caches, allocator
var inference = Enumerable.Range(0, repetitions).Select(_ => TimeInference()).ToList();
TimeTrainStep();
var train = Enumerable.Range(0, repetitions).Select(_ => TimeTrainStep()).ToList();
Console.WriteLine($"winnow inference_median_s {Median(inference):F4} train_step_median_s {Median(train):F4} threads {threads} batch {batch} reps {repetitions}");
