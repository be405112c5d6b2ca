namespace Winnow.Torch.nn;

/// <summary>torch.nn.MaxPool2d.</summary>
public sealed class MaxPool2d(long kernelSize, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.MaxPool2d(x, kernelSize, stride, padding);
}

/// <summary>torch.nn.AvgPool2d.</summary>
public sealed class AvgPool2d(long kernelSize, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.AvgPool2d(x, kernelSize, stride, padding);
}

/// <summary>torch.nn.AdaptiveAvgPool2d.</summary>
public sealed class AdaptiveAvgPool2d(long height, long width) : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.AdaptiveAvgPool2d(x, height, width);
}
