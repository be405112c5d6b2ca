namespace Winnow.Torch.nn;

/// <summary>torch.nn.Conv2d: weight [out, in/groups, k, k] and an optional bias.</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly (long, long) stride, padding, dilation;
    private readonly long groups;

    /// <summary>The filters.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, or null.</summary>
    public Tensor? Bias { get; private set; }

    /// <summary>A square-kernel convolution, initialised as PyTorch does.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"Conv2d: {inChannels} in and {outChannels} out channels do not divide into {groups} groups");
        (this.stride, this.padding, this.dilation, this.groups) = ((stride, stride), (padding, padding), (dilation, dilation), groups);
        long[] shape = [outChannels, inChannels / groups, kernelSize, kernelSize];
        Weight = RegisterParameter("weight", Init.DefaultWeight(shape));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultBias(outChannels, Init.FanIn(shape)));
    }

    /// <summary>
    /// Folds the eval-mode <paramref name="norm"/> that follows this convolution into its weights and bias (the folded layer
    /// then passes its input through): the same outputs up to float rounding, for one pass over the feature map fewer per
    /// layer — about a third of a ResNet-18's time on one CPU core. Inference only; the state dict changes (a bias appears),
    /// so a folded network is not saved or trained.
    /// </summary>
    public void FoldBatchNorm(BatchNorm2d norm)
    {
        using var scope = torch.NewScope();
        var (scale, shift) = norm.TakeAffine();
        Weight.CopyNoGrad(Weight.Detach() * scale.View(-1, 1, 1, 1));
        var bias = Bias is null ? shift : Bias.Detach() * scale + shift;
        if (Bias is null) Bias = RegisterParameter("bias", bias.Contiguous());
        else Bias.CopyNoGrad(bias);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.Conv2d(x, Weight, Bias, stride, padding, dilation, groups);
}
