namespace Winnow.Torch.nn;

/// <summary>torch.nn.Linear: y = x·Wᵀ + b.</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Weight [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>A fully connected layer, initialised as PyTorch does.</summary>
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        Weight = RegisterParameter("weight", Init.DefaultWeight([outFeatures, inFeatures]));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultBias(outFeatures, inFeatures));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => F.Linear(x, Weight, Bias);
}
