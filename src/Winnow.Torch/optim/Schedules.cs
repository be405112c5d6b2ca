namespace Winnow.Torch.optim;

/// <summary>A learning-rate schedule: the rate for each step, applied to an optimiser by <see cref="Apply"/>.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at step <paramref name="step"/> (0-based).</summary>
    public abstract double At(long step);

    /// <summary>Sets the optimiser's rate for step <paramref name="step"/>.</summary>
    public void Apply(Optimizer optimizer, long step) => optimizer.LearningRate = At(step);
}

/// <summary>Linear warm-up from 0 to the peak over <c>warmupSteps</c>, then cosine decay to <c>minLr</c> at <c>totalSteps</c>.</summary>
public sealed class CosineWithWarmup(double peakLr, long warmupSteps, long totalSteps, double minLr = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double At(long step)
    {
        if (warmupSteps > 0 && step < warmupSteps) return peakLr * (step + 1) / warmupSteps;
        var span = Math.Max(1, totalSteps - warmupSteps);
        var progress = Math.Clamp((double)(step - warmupSteps) / span, 0, 1);
        return minLr + 0.5 * (peakLr - minLr) * (1 + Math.Cos(Math.PI * progress));
    }
}

/// <summary>
/// torch.optim.lr_scheduler.OneCycleLR (cosine annealing, two phases): from maxLr/divFactor up to maxLr over
/// pctStart of the steps, then down to maxLr/(divFactor·finalDivFactor).
/// </summary>
public sealed class OneCycle(double maxLr, long totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double At(long step)
    {
        var initial = maxLr / divFactor;
        var final = initial / finalDivFactor;
        var upEnd = pctStart * totalSteps - 1;
        var downEnd = totalSteps - 1.0;
        return step <= upEnd
            ? Anneal(initial, maxLr, upEnd <= 0 ? 1 : step / upEnd)
            : Anneal(maxLr, final, (step - upEnd) / Math.Max(1e-9, downEnd - upEnd));
    }

    private static double Anneal(double start, double end, double fraction) =>
        end + (start - end) / 2.0 * (Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1)) + 1);
}
