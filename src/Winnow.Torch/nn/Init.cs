namespace Winnow.Torch.nn;

/// <summary>torch.nn.init: the weight initialisations PyTorch's layers and torchvision's models use.</summary>
public static class Init
{
    /// <summary>Uniform in [-bound, bound).</summary>
    public static Tensor Uniform(long[] shape, double bound)
    {
        using var u = torch.Rand(shape);
        using var scaled = u * (2 * bound);
        return scaled - bound;
    }

    /// <summary>Normal with mean 0 and the given standard deviation.</summary>
    public static Tensor Normal(long[] shape, double std)
    {
        using var n = torch.Randn(shape);
        return n * std;
    }

    /// <summary>Inputs per output: in_channels × kernel area (the dimensions after the first).</summary>
    public static long FanIn(long[] shape) => shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>Outputs per input: out_channels × kernel area.</summary>
    public static long FanOut(long[] shape) => shape[0] * shape.Skip(2).Aggregate(1L, (a, b) => a * b);

    /// <summary>PyTorch's default for Linear and Conv weights: kaiming_uniform_(a=√5), i.e. bound 1/√fan_in.</summary>
    public static Tensor DefaultWeight(long[] shape) => Uniform(shape, 1.0 / Math.Sqrt(FanIn(shape)));

    /// <summary>PyTorch's default bias: uniform in ±1/√fan_in of the weight.</summary>
    public static Tensor DefaultBias(long size, long fanIn) => Uniform([size], fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0);

    /// <summary>kaiming_normal_(mode='fan_out', nonlinearity='relu'), as torchvision's ResNet initialises convolutions.</summary>
    public static Tensor KaimingNormalFanOut(long[] shape) => Normal(shape, Math.Sqrt(2.0 / FanOut(shape)));
}
