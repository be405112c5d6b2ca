using Winnow.Scoring.Common;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.optim;

namespace Winnow.Scoring.Drops;

/// <summary>Training settings: epochs, batch, peak learning rate, label smoothing, seed.</summary>
public sealed record DropsTrainingOptions
{
    /// <summary>Simulated training images of the shipped recipe (train seed); evaluation's baseline trains on the same set.</summary>
    public const int DefaultTrainImages = 3000;
    /// <summary>Simulated validation images (seed + 1): thresholds are tuned on them.</summary>
    public const int DefaultValidationImages = 300;
    /// <summary>Simulated held-out test images (seed + 2).</summary>
    public const int DefaultTestImages = 600;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Peak learning rate of the one-cycle schedule (AdamW).</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.05;
    /// <summary>Label smoothing of the cross-entropy.</summary>
    public double LabelSmoothing { get; init; } = 0.05;
    /// <summary>Seed of sampling, augmentation and initialisation.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>
    /// Precision of the forward pass: float32, or bfloat16 through autocast (weights, gradients, optimiser state and
    /// the loss stay float32), which on a CPU with AVX-512 BF16 or AMX takes about a third of the time per step.
    /// </summary>
    public ScalarType Precision { get; init; } = ScalarType.Float32;
}

/// <summary>
/// How drops models are trained: class-balanced batches (every class drawn equally often, with replacement, so a
/// lab folder with 20 crystals and 2,000 clear drops still teaches crystals), strong augmentation, AdamW with a
/// one-cycle schedule, label-smoothed cross-entropy. Every step runs inside its own tensor scope.
/// </summary>
public static class DropsRecipe
{
    /// <summary>Trains <paramref name="model"/> in place; <paramref name="log"/> gets one line per epoch.</summary>
    public static void Train(ResNet model, DropImageSet train, DropsTrainingOptions options, Action<string>? log = null, Action<int, int>? progress = null)
    {
        torch.ManualSeed(options.Seed);
        var rng = new Random(options.Seed);
        var stepsPerEpoch = Math.Max(1, train.Count / options.BatchSize);
        var totalSteps = (long)stepsPerEpoch * options.Epochs;
        using var optimizer = new AdamW(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        var schedule = new OneCycle(options.LearningRate, totalSteps, pctStart: 0.2);
        var byClass = Enumerable.Range(0, 4).Select(c => Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == c).ToArray()).Where(a => a.Length > 0).ToArray();
        long step = 0;
        model.Train();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            double lossSum = 0;
            var correct = 0;
            var seen = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var s = 0; s < stepsPerEpoch; s++, step++)
            {
                using var scope = torch.NewScope();
                // Class-balanced: pick the class uniformly, then an image of it.
                var indices = new int[options.BatchSize];
                for (var j = 0; j < indices.Length; j++)
                {
                    var members = byClass[rng.Next(byClass.Length)];
                    indices[j] = members[rng.Next(members.Length)];
                }
                var x = DropsModel.Normalise(Augment.Apply(train.Batch(indices), rng)).ToChannelsLast();
                var y = torch.FromArray(indices.Select(i => (long)train.Labels[i]).ToArray(), indices.Length);
                schedule.Apply(optimizer, step);
                optimizer.ZeroGrad();
                Tensor logits;
                using (options.Precision == ScalarType.Float32 ? null : torch.Autocast(x.Device.Type, options.Precision))
                    logits = model.Forward(x);
                // The loss in float32 whatever the forward pass ran in: bfloat16's 8-bit mantissa would round small losses away.
                var loss = F.CrossEntropy(logits.To(ScalarType.Float32), y, labelSmoothing: options.LabelSmoothing);
                loss.Backward();
                optimizer.Step();
                lossSum += loss.Item();
                correct += (int)logits.ArgMax(1).Eq(y).Sum().ItemLong();
                seen += indices.Length;
                progress?.Invoke((int)step + 1, (int)totalSteps);
            }
            log?.Invoke($"epoch {epoch + 1}/{options.Epochs}: loss {lossSum / stepsPerEpoch:0.000}, training accuracy {100.0 * correct / seen:0.0} %, {clock.Elapsed.TotalSeconds:0} s");
        }
        model.Eval();
    }

    /// <summary>
    /// Class probabilities [N × 4] (row-major) for every image of a set, in batches, without gradients; with
    /// <paramref name="views"/> = 8 the mean over the dihedral views, as a card with test-time augmentation scores.
    /// </summary>
    public static float[] Predict(ResNet model, DropImageSet set, int views = 1, int batchSize = 64)
    {
        model.Eval();
        var result = new float[set.Count * 4];
        using var noGrad = torch.NoGrad();
        for (var start = 0; start < set.Count; start += batchSize)
        {
            using var scope = torch.NewScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, set.Count - start)).ToArray();
            var x = DropsModel.Normalise(set.Batch(indices)).ToChannelsLast();
            var p = TestTimeViews.Mean(x, views, view => F.Softmax(model.Forward(view), 1)).ToArray<float>();
            p.CopyTo(result.AsSpan(start * 4));
        }
        return result;
    }
}
