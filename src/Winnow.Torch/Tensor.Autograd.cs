using Winnow.Torch.Native;
using static Winnow.Torch.Native.OpCodes;

namespace Winnow.Torch;

// Autograd: requires_grad, backward, grad, detach.
public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor (set in place, as requires_grad_()).</summary>
    public bool RequiresGrad
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_requires_grad(Handle, out var r));
            return r != 0;
        }
        set => NativeError.Check(NativeMethods.wn_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, as PyTorch's requires_grad_().</summary>
    public Tensor RequiresGrad_(bool requires = true)
    {
        RequiresGrad = requires;
        return this;
    }

    /// <summary>Back-propagates from this tensor (a scalar unless <paramref name="gradient"/> is given).</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        NativeError.Check(NativeMethods.wn_backward(Handle, gradient?.Pointer ?? IntPtr.Zero, retainGraph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>The accumulated gradient, or null before any backward pass reached this tensor.</summary>
    public Tensor? Grad
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
    }

    /// <summary>Drops (or zeroes) the accumulated gradient.</summary>
    public void ZeroGrad(bool setToNone = true) => NativeError.Check(NativeMethods.wn_tensor_zero_grad(Handle, setToNone ? 1 : 0));

    /// <summary>The same data, cut off from the autograd graph.</summary>
    public Tensor Detach() => Unary(OpCodes.Unary.Detach);

    /// <summary>Copies <paramref name="source"/> into this tensor without autograd seeing it (loading weights).</summary>
    public void CopyNoGrad(Tensor source) => NativeError.Check(NativeMethods.wn_copy_no_grad(Handle, source.Handle));
}
