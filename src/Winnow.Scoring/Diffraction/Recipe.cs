using System.Diagnostics;
using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Simulation.Diffraction;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.optim;

namespace Winnow.Scoring.Diffraction;

/// <summary>What <see cref="Recipe.Train"/> needs: set size, epochs, seed, output folder and the knobs with sensible defaults.</summary>
public sealed record TrainOptions
{
    /// <summary>Simulated shots (training + validation).</summary>
    public int N { get; init; } = 2000;
    /// <summary>Most epochs (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Seed of the simulated set and of the weight initialisation.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Folder for default.safetensors, default.card.json and checkpoint.safetensors.</summary>
    public string Out { get; init; } = "models/diffraction";
    /// <summary>Share of the set kept for validation.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Epochs without a better validation loss before stopping.</summary>
    public int Patience { get; init; } = 3;
    /// <summary>Shots per step.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Peak learning rate of the cosine schedule.</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.05;
    /// <summary>Pooled input side.</summary>
    public int Size { get; init; } = Preprocess.DefaultSize;
    /// <summary>Input channels: the whole detector, then beam-centred zooms of 2×, 4× … (see <see cref="Preprocess"/>).</summary>
    public int ZoomLevels { get; init; } = 1;
    /// <summary>Network architecture.</summary>
    public string Architecture { get; init; } = "resnet18";
    /// <summary>libtorch threads (1 when the machine is shared).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Threads simulating shots before training starts.</summary>
    public int SimulationThreads { get; init; } = 2;
    /// <summary>First shot index of the seed to simulate (shots Start … Start+N−1): a continued model takes shots its base did not see.</summary>
    public int Start { get; init; }
    /// <summary>Weights of a trained model to continue from (its card fixes architecture, input size and channels); null: random weights.</summary>
    public string? BaseModel { get; init; }
    /// <summary>Stop after this many optimiser steps in all (0: no limit); for quick tests.</summary>
    public int MaxSteps { get; init; }
    /// <summary>The command line that reproduces the run, recorded in the card.</summary>
    public string Command { get; init; } = "";
}

/// <summary>The outcome of training: where the best model is, its validation metrics, and the loss curve.</summary>
public sealed record TrainResult(string Weights, int Epochs, int Steps, double BestValidationLoss, ValidationMetrics Best, IReadOnlyList<double> StepLosses);

/// <summary>Loss and metrics on the validation split.</summary>
public sealed record ValidationMetrics(double Loss, double Accuracy, double PearsonR);

/// <summary>
/// Training recipe: simulate N shots in memory, hold out a validation split, AdamW with warm-up + cosine decay,
/// random flips (the resolution ring and the class do not change under them), cross-entropy for the lattice class plus
/// smooth-L1 on ln(radius fraction) for shots with a resolution; checkpoint each epoch, keep the best on validation
/// loss (saved as float16 default.safetensors + card), stop early after <see cref="TrainOptions.Patience"/> flat epochs.
/// </summary>
public static class Recipe
{
    /// <summary>Weight of the resolution loss against the class loss.</summary>
    public const double ResolutionWeight = 2.0;

    /// <summary>Trains and writes the best model into <see cref="TrainOptions.Out"/>; progress lines go to <paramref name="log"/>.</summary>
    public static TrainResult Train(TrainOptions o, Action<string> log)
    {
        if (o.N < 10) throw new ArgumentException($"--n must be at least 10, not {o.N}.");
        if (o.Epochs < 1) throw new ArgumentException($"--epochs must be at least 1, not {o.Epochs}.");
        if (o.ZoomLevels is < 1 or > 4) throw new ArgumentException($"--zoom-levels must be 1 to 4, not {o.ZoomLevels}.");
        if (o.Start < 0) throw new ArgumentException($"--start must be 0 or more, not {o.Start}.");
        ModelCard? baseCard = null;
        if (o.BaseModel is not null)
        {
            // The base's card decides the network's shape, so a continued model cannot silently change it.
            baseCard = ModelFiles.LoadCard(o.BaseModel);
            if (baseCard.Job != "diffraction") throw new InvalidDataException($"{o.BaseModel}: a {baseCard.Job} model, not a diffraction one.");
            o = o with { Architecture = baseCard.Architecture, Size = baseCard.Input.Width, ZoomLevels = baseCard.Input.Channels };
        }
        Directory.CreateDirectory(o.Out);
        torch.SetNumThreads(o.Threads);
        torch.ManualSeed(o.Seed);
        var clock = Stopwatch.StartNew();
        log($"simulating {o.N} shots (seed {o.Seed}, shots {o.Start}–{o.Start + o.N - 1}) on {o.SimulationThreads} threads");
        var all = SimulatedSet.Generate(o.Seed, o.Start, o.N, DetectorChoice.Pilatus6M, o.Size, o.SimulationThreads,
            done => { if (done % 500 == 0) log($"  simulated {done}/{o.N} ({clock.Elapsed.TotalSeconds:F0} s)"); }, o.ZoomLevels);
        int nVal = Math.Max(1, (int)Math.Round(o.N * o.ValidationFraction));
        var train = all[..^nVal];
        var validation = all[^nVal..];
        log($"simulated in {clock.Elapsed.TotalSeconds:F0} s: {train.Length} training, {validation.Length} validation shots");

        using var model = baseCard is null ? new DiffractionNet(o.Architecture, o.ZoomLevels) : DiffractionNet.FromCard(baseCard, o.BaseModel!);
        if (baseCard is not null) log($"continuing {baseCard.Name} ({baseCard.Id[..12]})");
        using var optimizer = new AdamW(model.Parameters(), lr: o.LearningRate, weightDecay: o.WeightDecay);
        int stepsPerEpoch = Math.Max(1, train.Length / o.BatchSize);
        long totalSteps = (long)stepsPerEpoch * o.Epochs;
        if (o.MaxSteps > 0) totalSteps = Math.Min(totalSteps, o.MaxSteps);
        var schedule = new CosineWithWarmup(o.LearningRate, Math.Max(1, totalSteps / 20), totalSteps, o.LearningRate / 100);
        var rng = new Random(o.Seed);
        var losses = new List<double>();
        var weights = Path.Combine(o.Out, "default.safetensors");
        ValidationMetrics? best = null;
        int step = 0, epoch = 0, flat = 0;
        for (epoch = 1; epoch <= o.Epochs && step < totalSteps; epoch++)
        {
            model.Train();
            var order = Enumerable.Range(0, train.Length).OrderBy(_ => rng.Next()).ToArray();
            double epochLoss = 0;
            int epochSteps = 0;
            for (int b = 0; b + o.BatchSize <= order.Length && step < totalSteps; b += o.BatchSize)
            {
                var batch = order[b..(b + o.BatchSize)].Select(i => train[i]).ToList();
                double loss = Step(model, optimizer, schedule, step, batch, rng);
                losses.Add(loss);
                epochLoss += loss;
                epochSteps++;
                step++;
                if (step % 20 == 0)
                    log($"  epoch {epoch} step {step}/{totalSteps} loss {epochLoss / epochSteps:F4} lr {optimizer.LearningRate:G3} ({clock.Elapsed.TotalMinutes:F1} min)");
            }
            var metrics = Validate(model, validation, o.BatchSize);
            model.SaveHalf(Path.Combine(o.Out, "checkpoint.safetensors"));
            bool better = best is null || metrics.Loss < best.Loss;
            log($"epoch {epoch}: train loss {epochLoss / Math.Max(1, epochSteps):F4}, validation loss {metrics.Loss:F4}, accuracy {metrics.Accuracy:P1}, resolution r {metrics.PearsonR:F3}{(better ? " (best, saved)" : "")}");
            if (better)
            {
                best = metrics;
                flat = 0;
                model.SaveHalf(weights);
                WriteCard(weights, o, baseCard, epoch, step, metrics, clock.Elapsed);
            }
            else if (++flat >= o.Patience)
            {
                log($"no better validation loss for {o.Patience} epochs: stopping early");
                epoch++;
                break;
            }
        }
        return new TrainResult(weights, epoch - 1, step, best!.Loss, best, losses);
    }

    private static double Step(DiffractionNet model, Optimizer optimizer, LearningRateSchedule schedule, int step, List<DiffractionSample> batch, Random rng)
    {
        using var scope = torch.NewScope();
        schedule.Apply(optimizer, step);
        var x = Batch.Of(batch.Select(s => s.Input).ToList());
        // Flips about the beam-centred axes change neither the class nor the resolution ring.
        if (rng.Next(2) == 1) x = x.Flip(3);
        if (rng.Next(2) == 1) x = x.Flip(2);
        if (rng.Next(2) == 1) x = x.Transpose(2, 3);
        optimizer.ZeroGrad();
        var loss = Loss(model, x, batch);
        loss.Backward();
        GradClip.ClipGradNorm(model.Parameters(), 5.0);
        optimizer.Step();
        return loss.Item();
    }

    /// <summary>Cross-entropy on the class plus <see cref="ResolutionWeight"/> × smooth-L1 on ln radius, averaged over shots that have a resolution.</summary>
    internal static Tensor Loss(DiffractionNet model, Tensor x, IReadOnlyList<DiffractionSample> batch)
    {
        var classes = torch.FromArray(batch.Select(s => (long)s.Class).ToArray(), batch.Count);
        var target = torch.FromArray(batch.Select(s => s.LogRadius).ToArray(), batch.Count);
        var mask = torch.FromArray(batch.Select(s => s.HasResolution ? 1f : 0f).ToArray(), batch.Count);
        var (logits, radius) = model.Forward(x);
        var classLoss = F.CrossEntropy(logits, classes);
        var perShot = F.SmoothL1Loss(radius, target, Reduction.None, beta: 0.05);
        var resolutionLoss = (perShot * mask).Sum() / Math.Max(1, batch.Count(s => s.HasResolution));
        return classLoss + resolutionLoss * ResolutionWeight;
    }

    private static ValidationMetrics Validate(DiffractionNet model, DiffractionSample[] validation, int batchSize)
    {
        model.Eval();
        double loss = 0;
        using (torch.NoGrad())
        {
            for (int b = 0; b < validation.Length; b += batchSize)
            {
                using var scope = torch.NewScope();
                var batch = validation[b..Math.Min(validation.Length, b + batchSize)];
                loss += Loss(model, Batch.Of(batch.Select(s => s.Input).ToList()), batch).Item() * batch.Length;
            }
        }
        var predictions = Evaluate.Predict(model, validation.Select(s => s.Input).ToList(), batchSize);
        var report = Evaluate.Measure(validation, predictions);
        model.Train();
        return new ValidationMetrics(loss / validation.Length, report.Accuracy, report.PearsonR);
    }

    private static void WriteCard(string weights, TrainOptions o, ModelCard? baseCard, int epoch, int step, ValidationMetrics metrics, TimeSpan elapsed)
    {
        var card = new ModelCard
        {
            Name = $"winnow-diffraction-{o.Architecture}-v1",
            Job = "diffraction",
            Architecture = o.Architecture,
            Classes = DiffractionNet.Classes.ToList(),
            Input = new ModelInput { Channels = o.ZoomLevels, Height = o.Size, Width = o.Size },
            Training = new JsonObject
            {
                ["command"] = o.Command,
                ["seed"] = o.Seed,
                ["data"] = $"{o.N} simulated PILATUS3 6M stills (Winnow.Simulation, seed {o.Seed}, shots {o.Start}–{o.Start + o.N - 1}, in memory), last {o.ValidationFraction:P0} for validation",
                ["epochs_max"] = o.Epochs,
                ["best_epoch"] = epoch,
                ["steps"] = step,
                ["batch_size"] = o.BatchSize,
                ["optimizer"] = $"AdamW lr {o.LearningRate} weight decay {o.WeightDecay}, warm-up 5 % then cosine to lr/100, grad-norm clip 5",
                ["loss"] = $"cross-entropy (class) + {ResolutionWeight} × smooth-L1 (β 0.05) on ln radius fraction",
                ["augmentation"] = "random flips and transpose of the beam-centred square",
                ["validation_loss"] = Evaluate.Number(metrics.Loss, 5),
                ["validation_accuracy"] = Evaluate.Number(metrics.Accuracy, 4),
                ["validation_resolution_r"] = Evaluate.Number(metrics.PearsonR, 4),
                ["minutes"] = Math.Round(elapsed.TotalMinutes, 1),
                ["threads"] = o.Threads,
            },
            Preprocessing = new JsonObject
            {
                ["mask"] = "gaps (-1), bad pixels (-2) and counts above the header's trusted range set to 0; lone pixels (brighter than 4 x their brightest neighbour + 20: zingers, hot pixels, direct-beam leaks) left out of the pooling",
                ["crop"] = "square centred on the beam, half-width = distance from the beam to the farthest detector edge",
                ["pool"] = $"max-pool to {o.Size}x{o.Size}",
                ["zoom_levels"] = o.ZoomLevels == 1 ? "1 channel: the whole square" : $"{o.ZoomLevels} channels: channel k is the beam-centred square of half-width / 2^k, pooled to the same side",
                ["scale"] = $"min({Preprocess.Ceiling}, sqrt(counts) x {Preprocess.IntensityScale})",
                ["resolution_head"] = "ln(radius / half-width); d = lambda / (2 sin(atan(radius_mm / distance) / 2))",
                ["weights"] = "float16 (converted to float32 on load)",
            },
        };
        if (baseCard is not null) card.RecordContinuedFrom(baseCard);
        card.Save(ModelFiles.CardPath(weights));
    }
}
