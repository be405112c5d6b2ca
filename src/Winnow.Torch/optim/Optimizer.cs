using Winnow.Torch.Native;

namespace Winnow.Torch.optim;

/// <summary>
/// An optimiser that runs inside libtorch (torch::optim): Step() is one bridge call however many
/// parameters the model has. The parameters are shared with the module, so updates reach it directly.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private IntPtr pointer;
    private double learningRate;

    private protected Optimizer(int kind, IEnumerable<Tensor> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay, double momentum, double dampening, bool nesterov, bool amsgrad)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Length == 0) throw new ArgumentException("the optimiser was given no parameters");
        if (lr < 0) throw new ArgumentException($"learning rate must be >= 0, not {lr}");
        var pointers = Parameters.Select(p => p.Pointer).ToArray();
        NativeError.Check(NativeMethods.wn_optim_new(kind, pointers, pointers.Length, lr, beta1, beta2, eps, weightDecay,
            momentum, dampening, nesterov ? 1 : 0, amsgrad ? 1 : 0, out pointer));
        GC.KeepAlive(Parameters);
        learningRate = lr;
    }

    /// <summary>The parameters this optimiser updates.</summary>
    public Tensor[] Parameters { get; }

    private IntPtr Pointer => pointer != IntPtr.Zero ? pointer : throw new ObjectDisposedException(GetType().Name);

    /// <summary>The current learning rate of every parameter group.</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            NativeError.Check(NativeMethods.wn_optim_set_lr(Pointer, value));
            learningRate = value;
        }
    }

    /// <summary>Applies one update from the accumulated gradients.</summary>
    public void Step() => NativeError.Check(NativeMethods.wn_optim_step(Pointer));

    /// <summary>Drops (default, as PyTorch 2) or zeroes the gradients.</summary>
    public void ZeroGrad(bool setToNone = true) => NativeError.Check(NativeMethods.wn_optim_zero_grad(Pointer, setToNone ? 1 : 0));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (pointer != IntPtr.Zero) NativeMethods.wn_optim_free(pointer);
        pointer = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native optimiser state if Dispose was forgotten.</summary>
    ~Optimizer() => Dispose();
}

/// <summary>torch.optim.SGD with momentum, dampening, Nesterov and weight decay.</summary>
public sealed class SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
    : Optimizer(0, parameters, lr, 0, 0, 0, weightDecay, momentum, dampening, nesterov, false);

/// <summary>torch.optim.AdamW: Adam with decoupled weight decay (PyTorch's defaults).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
    : Optimizer(1, parameters, lr, beta1, beta2, eps, weightDecay, 0, 0, false, amsgrad);

/// <summary>torch.optim.Adam (L2 weight decay added to the gradient).</summary>
public sealed class Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
    : Optimizer(2, parameters, lr, beta1, beta2, eps, weightDecay, 0, 0, false, amsgrad);
