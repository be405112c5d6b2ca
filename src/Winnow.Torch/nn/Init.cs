namespace Winnow.Torch.nn;

/// <summary>torch.nn.init: the weight initialisations PyTorch's layers and torchvision's models use.</summary>
public static class Init
{
    [ThreadStatic] private static int skipping;

    /// <summary>
    /// Until the returned scope is disposed, the initialisers on this thread return uninitialised tensors of the right shape
    /// (PyTorch's <c>torch.nn.utils.skip_init</c>): for a network whose every parameter is about to be loaded with a strict
    /// <see cref="Module.LoadStateDict"/>. Drawing a ResNet-18's 11 million random values only to overwrite them cost about
    /// 0.3 s of each scoring command's start-up.
    /// </summary>
    public static IDisposable SkipForLoading()
    {
        skipping++;
        return new SkipScope();
    }

    /// <summary>True inside <see cref="SkipForLoading"/> on this thread.</summary>
    public static bool Skipping => skipping > 0;

    private sealed class SkipScope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            skipping--;
        }
    }

    /// <summary>Uniform in [-bound, bound).</summary>
    public static Tensor Uniform(long[] shape, double bound)
    {
        if (Skipping) return torch.Empty(shape);
        using var u = torch.Rand(shape);
        using var scaled = u * (2 * bound);
        return scaled - bound;
    }

    /// <summary>Normal with mean 0 and the given standard deviation.</summary>
    public static Tensor Normal(long[] shape, double std)
    {
        if (Skipping) return torch.Empty(shape);
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
