using System.CommandLine;
using Winnow.Scoring.Diffraction;

namespace Winnow.Cli.Commands;

/// <summary>`winnow train diffraction --n N --epochs E --seed S --out DIR`: simulate in memory, train, keep the best model.</summary>
internal static class TrainDiffractionCommand
{
    public static Command Build()
    {
        var n = new Option<int>("--n") { Description = "Simulated shots (10 % kept for validation).", DefaultValueFactory = _ => 2000 };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs; early stopping may end sooner.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated set and the initial weights.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for default.safetensors + default.card.json.", DefaultValueFactory = _ => "models/diffraction" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (1 on a shared machine).", DefaultValueFactory = _ => 1 };
        var simThreads = new Option<int>("--sim-threads") { Description = "Threads simulating shots before training.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batch = new Option<int>("--batch") { Description = "Shots per step.", DefaultValueFactory = _ => 32 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, cosine).", DefaultValueFactory = _ => 2e-3 };
        var size = new Option<int>("--size") { Description = "Pooled input side in pixels.", DefaultValueFactory = _ => Preprocess.DefaultSize };
        var arch = new Option<string>("--arch") { Description = "resnet18, resnet34 or resnet50; add -s2d (e.g. resnet18-s2d) to fold 2×2 pixels into channels and run the network at half the side.", DefaultValueFactory = _ => "resnet18" };
        var zoomLevels = new Option<int>("--zoom-levels") { Description = "Input channels: 1 = the whole detector pooled; 3 adds beam-centred 2× and 4× zooms where lattice rows stay resolved.", DefaultValueFactory = _ => 1 };
        var start = new Option<int>("--start") { Description = "First shot index of the seed (shots START … START+N−1), so a continued model trains on shots its base never saw.", DefaultValueFactory = _ => 0 };
        var baseModel = new Option<string?>("--model") { Description = "Continue this trained model (its card fixes architecture, size and channels) instead of starting from random weights." };
        var patience = new Option<int>("--patience") { Description = "Epochs without a better validation loss before stopping.", DefaultValueFactory = _ => 3 };
        var command = new Command("diffraction", "Train the diffraction triage model (blank/single/multi + resolution) on simulated shots.")
        {
            n, epochs, seed, output, threads, simThreads, batch, lr, size, arch, zoomLevels, patience, start, baseModel,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new TrainOptions
            {
                N = parse.GetValue(n),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Out = parse.GetValue(output)!,
                Threads = parse.GetValue(threads),
                SimulationThreads = parse.GetValue(simThreads),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Size = parse.GetValue(size),
                Architecture = parse.GetValue(arch)!,
                ZoomLevels = parse.GetValue(zoomLevels),
                Patience = parse.GetValue(patience),
                Start = parse.GetValue(start),
                BaseModel = parse.GetValue(baseModel) is { } m ? ModelLocator.Resolve(m, job: "diffraction") : null,
                Command = "winnow " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            };
            var result = Recipe.Train(options, line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"));
            Console.WriteLine($"best model (validation loss {result.BestValidationLoss:F4}, accuracy {result.Best.Accuracy:P1}, resolution r {result.Best.PearsonR:F3}) " +
                $"after {result.Epochs} epochs / {result.Steps} steps: {Path.GetFullPath(result.Weights)}");
            // A fresh card has no lattice stage: without one, single vs multi rests on the network alone.
            Console.WriteLine($"next: winnow calibrate diffraction --model {result.Weights} --seed 2000 (the lattice stage), then winnow evaluate diffraction --model {result.Weights} --seed 1000");
            return 0;
        }));
        return command;
    }
}
