using Winnow.Torch.Native;

namespace Winnow.Torch.optim;

/// <summary>torch.nn.utils.clip_grad_norm_ and clip_grad_value_.</summary>
public static class GradClip
{
    /// <summary>Scales gradients so their total norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        var list = parameters.ToArray();
        var pointers = list.Select(p => p.Pointer).ToArray();
        NativeError.Check(NativeMethods.wn_clip_grad_norm(pointers, pointers.Length, maxNorm, normType, out var total));
        GC.KeepAlive(list);
        return total;
    }

    /// <summary>Clamps every gradient element into ±<paramref name="clipValue"/>.</summary>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        var list = parameters.ToArray();
        var pointers = list.Select(p => p.Pointer).ToArray();
        NativeError.Check(NativeMethods.wn_clip_grad_value(pointers, pointers.Length, clipValue));
        GC.KeepAlive(list);
    }
}
