namespace Winnow.Torch.nn;

/// <summary>torch.nn.BatchNorm2d with running statistics and num_batches_tracked, as PyTorch saves them.</summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    private readonly double eps, momentum;

    /// <summary>Scale γ.</summary>
    public Tensor Weight { get; }
    /// <summary>Shift β.</summary>
    public Tensor Bias { get; }
    /// <summary>Running mean used in eval mode.</summary>
    public Tensor RunningMean { get; }
    /// <summary>Running variance used in eval mode.</summary>
    public Tensor RunningVar { get; }
    /// <summary>Training batches seen (int64).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>Batch normalisation over <paramref name="features"/> channels.</summary>
    public BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
    {
        (this.eps, this.momentum) = (eps, momentum);
        Weight = RegisterParameter("weight", torch.Ones(features));
        Bias = RegisterParameter("bias", torch.Zeros(features));
        RunningMean = RegisterBuffer("running_mean", torch.Zeros(features));
        RunningVar = RegisterBuffer("running_var", torch.Ones(features));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", torch.Zeros([], ScalarType.Int64));
    }

    /// <summary>True once <see cref="Conv2d.FoldBatchNorm"/> has moved this normalisation into the convolution before it:
    /// from then on this layer passes its input through, and training is refused.</summary>
    public bool Folded { get; private set; }

    /// <summary>
    /// The eval-mode normalisation as a per-channel affine map y = scale·x + shift (scale = γ/√(var+ε),
    /// shift = β − mean·scale), and marks this layer <see cref="Folded"/>. Only <see cref="Conv2d.FoldBatchNorm"/> calls it.
    /// </summary>
    internal (Tensor Scale, Tensor Shift) TakeAffine()
    {
        if (Training) throw new InvalidOperationException("BatchNorm2d: only an eval-mode normalisation can be folded (call Eval() first)");
        if (Folded) throw new InvalidOperationException("BatchNorm2d: already folded into a convolution");
        var scale = Weight.Detach() * (RunningVar + eps).Rsqrt();
        var shift = Bias.Detach() - RunningMean * scale;
        Folded = true;
        return (scale, shift);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x)
    {
        if (Folded)
        {
            if (Training) throw new InvalidOperationException("BatchNorm2d: folded into the convolution before it for inference; load the weights afresh to train");
            return x.Alias();
        }
        if (Training)
        {
            using var one = torch.Ones([], ScalarType.Int64, NumBatchesTracked.Device);
            NumBatchesTracked.Add_(one);
        }
        return F.BatchNorm(x, RunningMean, RunningVar, Weight, Bias, Training, momentum, eps);
    }
}

/// <summary>torch.nn.GroupNorm.</summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    private readonly long groups;
    private readonly double eps;

    /// <summary>Scale γ per channel.</summary>
    public Tensor Weight { get; }
    /// <summary>Shift β per channel.</summary>
    public Tensor Bias { get; }

    /// <summary>Normalises channels in <paramref name="groups"/> groups.</summary>
    public GroupNorm(long groups, long channels, double eps = 1e-5)
    {
        if (channels % groups != 0) throw new ArgumentException($"GroupNorm: {channels} channels do not divide into {groups} groups");
        (this.groups, this.eps) = (groups, eps);
        Weight = RegisterParameter("weight", torch.Ones(channels));
        Bias = RegisterParameter("bias", torch.Zeros(channels));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.GroupNorm(x, groups, Weight, Bias, eps);
}

/// <summary>torch.nn.LayerNorm over the trailing dimensions.</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] shape;
    private readonly double eps;

    /// <summary>Scale γ.</summary>
    public Tensor Weight { get; }
    /// <summary>Shift β.</summary>
    public Tensor Bias { get; }

    /// <summary>Normalises over the trailing dimensions <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5)
    {
        (shape, this.eps) = (normalizedShape, eps);
        Weight = RegisterParameter("weight", torch.Ones(normalizedShape));
        Bias = RegisterParameter("bias", torch.Zeros(normalizedShape));
    }

    /// <summary>Normalises over the last dimension of size <paramref name="features"/>.</summary>
    public LayerNorm(long features, double eps = 1e-5) : this([features], eps) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.LayerNorm(x, shape, Weight, Bias, eps);
}
