namespace Winnow.Torch.nn;

/// <summary>torch.nn.ReLU.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => x.Relu();
}

/// <summary>torch.nn.GELU (exact).</summary>
public sealed class GELU : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => x.Gelu();
}

/// <summary>torch.nn.SiLU.</summary>
public sealed class SiLU : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => x.Silu();
}

/// <summary>torch.nn.Dropout: active only in training mode.</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.Dropout(x, p, Training);
}

/// <summary>torch.nn.Identity.</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => x.Alias();
}

/// <summary>torch.nn.Flatten (dimensions 1..-1 by default).</summary>
public sealed class Flatten(long startDim = 1, long endDim = -1) : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => x.Flatten(startDim, endDim);
}
