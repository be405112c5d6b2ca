namespace Winnow.Torch.nn;

/// <summary>torch.nn.Conv2d: weight [out, in/groups, k, k] and an optional bias.</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly (long, long) stride, padding, dilation;
    private readonly long groups;

    /// <summary>The filters.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, or null.</summary>
    public Tensor? Bias { get; }

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

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.Conv2d(x, Weight, Bias, stride, padding, dilation, groups);
}
