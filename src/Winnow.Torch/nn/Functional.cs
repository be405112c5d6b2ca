using Winnow.Torch.Native;

namespace Winnow.Torch.nn;

/// <summary>How a loss reduces over the batch; values are libtorch's at::Reduction.</summary>
public enum Reduction
{
    /// <summary>One loss per element.</summary>
    None = 0,
    /// <summary>The mean.</summary>
    Mean = 1,
    /// <summary>The sum.</summary>
    Sum = 2,
}

/// <summary>Interpolation modes of <see cref="F.Interpolate"/>.</summary>
public enum InterpolateMode
{
    /// <summary>Nearest neighbour.</summary>
    Nearest = 0,
    /// <summary>Bilinear.</summary>
    Bilinear = 1,
    /// <summary>Bicubic.</summary>
    Bicubic = 2,
    /// <summary>Area averaging (adaptive average pooling).</summary>
    Area = 3,
}

/// <summary>Padding modes of <see cref="F.Pad"/>.</summary>
public enum PaddingMode
{
    /// <summary>A constant value.</summary>
    Constant = 0,
    /// <summary>Mirror without repeating the edge.</summary>
    Reflect = 1,
    /// <summary>Repeat the edge.</summary>
    Replicate = 2,
    /// <summary>Wrap around.</summary>
    Circular = 3,
}

/// <summary>torch.nn.functional: stateless layers, activations and losses.</summary>
public static class F
{
    private static IntPtr Ptr(Tensor? t) => t?.Pointer ?? IntPtr.Zero;

    private static Tensor Keep(int status, IntPtr result, params Tensor?[] alive)
    {
        GC.KeepAlive(alive);
        return Tensor.From(status, result);
    }

    /// <summary>2-D convolution.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, long groups = 1)
    {
        var s = stride ?? (1, 1);
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        return Keep(NativeMethods.wn_conv2d(x.Handle, weight.Handle, Ptr(bias), [s.Item1, s.Item2], [p.Item1, p.Item2], [d.Item1, d.Item2], groups, out var r), r, bias);
    }

    /// <summary>x·Wᵀ + b.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null) => Keep(NativeMethods.wn_linear(x.Handle, weight.Handle, Ptr(bias), out var r), r, bias);

    /// <summary>Batch normalisation; updates the running statistics in place when training.</summary>
    public static Tensor BatchNorm(Tensor x, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        Keep(NativeMethods.wn_batch_norm(x.Handle, Ptr(weight), Ptr(bias), Ptr(runningMean), Ptr(runningVar), training ? 1 : 0, momentum, eps, out var r), r, weight, bias, runningMean, runningVar);

    /// <summary>Group normalisation.</summary>
    public static Tensor GroupNorm(Tensor x, long groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        Keep(NativeMethods.wn_group_norm(x.Handle, groups, Ptr(weight), Ptr(bias), eps, out var r), r, weight, bias);

    /// <summary>Layer normalisation over the trailing dimensions <paramref name="shape"/>.</summary>
    public static Tensor LayerNorm(Tensor x, long[] shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        Keep(NativeMethods.wn_layer_norm(x.Handle, shape, shape.Length, Ptr(weight), Ptr(bias), eps, out var r), r, weight, bias);

    /// <summary>
    /// torch.nn.functional.pixel_unshuffle: [N, C, H·r, W·r] → [N, C·r², H, W], output channel c·r² + i·r + j holding the
    /// pixels at row offset i and column offset j of each r × r block. A network then runs at 1/r the side with no pixel lost.
    /// </summary>
    public static Tensor PixelUnshuffle(Tensor x, long factor)
    {
        if (x.Dim != 4) throw new ArgumentException($"pixel_unshuffle takes [N, C, H, W], not {x.Dim} dimensions");
        var (n, c, h, w) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        if (factor < 1 || h % factor != 0 || w % factor != 0)
            throw new ArgumentException($"pixel_unshuffle by {factor} needs H and W divisible by it, not {h}×{w}");
        using var blocks = x.Reshape(n, c, h / factor, factor, w / factor, factor);
        using var moved = blocks.Permute(0, 1, 3, 5, 2, 4);
        return moved.Reshape(n, c * factor * factor, h / factor, w / factor);
    }

    /// <summary>2-D max pooling.</summary>
    public static Tensor MaxPool2d(Tensor x, long kernel, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    {
        var s = stride ?? kernel;
        return Tensor.From(NativeMethods.wn_max_pool2d(x.Handle, [kernel, kernel], [s, s], [padding, padding], [dilation, dilation], ceilMode ? 1 : 0, out var r), r);
    }

    /// <summary>2-D average pooling.</summary>
    public static Tensor AvgPool2d(Tensor x, long kernel, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true)
    {
        var s = stride ?? kernel;
        return Tensor.From(NativeMethods.wn_avg_pool2d(x.Handle, [kernel, kernel], [s, s], [padding, padding], ceilMode ? 1 : 0, countIncludePad ? 1 : 0, out var r), r);
    }

    /// <summary>Averages into an output of fixed size.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor x, long height, long width) => Tensor.From(NativeMethods.wn_adaptive_pool2d(0, x.Handle, height, width, out var r), r);

    /// <summary>Max-pools into an output of fixed size.</summary>
    public static Tensor AdaptiveMaxPool2d(Tensor x, long height, long width) => Tensor.From(NativeMethods.wn_adaptive_pool2d(1, x.Handle, height, width, out var r), r);

    /// <summary>Zeroes elements with probability p while training, scaling the rest by 1/(1-p).</summary>
    public static Tensor Dropout(Tensor x, double p = 0.5, bool training = true) => Tensor.From(NativeMethods.wn_dropout(x.Handle, p, training ? 1 : 0, out var r), r);

    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor x) => x.Relu();
    /// <summary>GELU (exact).</summary>
    public static Tensor Gelu(Tensor x) => x.Gelu();
    /// <summary>SiLU (swish).</summary>
    public static Tensor Silu(Tensor x) => x.Silu();

    /// <summary>Softmax along a dimension.</summary>
    public static Tensor Softmax(Tensor x, long dim) => Tensor.From(NativeMethods.wn_softmax(0, x.Handle, dim, out var r), r);
    /// <summary>log(softmax) along a dimension, computed stably.</summary>
    public static Tensor LogSoftmax(Tensor x, long dim) => Tensor.From(NativeMethods.wn_softmax(1, x.Handle, dim, out var r), r);

    /// <summary>Cross-entropy from logits and class indices (or class probabilities), with class weights and label smoothing.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0) =>
        Keep(NativeMethods.wn_cross_entropy(logits.Handle, target.Handle, Ptr(weight), (long)reduction, ignoreIndex, labelSmoothing, out var r), r, weight);

    /// <summary>Binary cross-entropy on logits (numerically stable sigmoid + BCE).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor x, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) =>
        Keep(NativeMethods.wn_bce_with_logits(x.Handle, target.Handle, Ptr(weight), Ptr(posWeight), (long)reduction, out var r), r, weight, posWeight);

    /// <summary>Mean squared error.</summary>
    public static Tensor MseLoss(Tensor x, Tensor target, Reduction reduction = Reduction.Mean) => Tensor.From(NativeMethods.wn_regression_loss(0, x.Handle, target.Handle, (long)reduction, 0, out var r), r);
    /// <summary>Mean absolute error.</summary>
    public static Tensor L1Loss(Tensor x, Tensor target, Reduction reduction = Reduction.Mean) => Tensor.From(NativeMethods.wn_regression_loss(1, x.Handle, target.Handle, (long)reduction, 0, out var r), r);
    /// <summary>Huber-like smooth L1 loss with threshold beta.</summary>
    public static Tensor SmoothL1Loss(Tensor x, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) => Tensor.From(NativeMethods.wn_regression_loss(2, x.Handle, target.Handle, (long)reduction, beta, out var r), r);

    /// <summary>Resizes N×C×H×W to the given height and width.</summary>
    public static Tensor Interpolate(Tensor x, long height, long width, InterpolateMode mode = InterpolateMode.Nearest, bool alignCorners = false) =>
        Tensor.From(NativeMethods.wn_interpolate(x.Handle, height, width, (int)mode, alignCorners ? 1 : 0, out var r), r);

    /// <summary>Pads the trailing dimensions; <paramref name="pads"/> lists (before, after) from the last dimension backwards, as F.pad.</summary>
    public static Tensor Pad(Tensor x, long[] pads, PaddingMode mode = PaddingMode.Constant, double value = 0) =>
        Tensor.From(NativeMethods.wn_pad(x.Handle, pads, pads.Length, (int)mode, value, out var r), r);

    /// <summary>One-hot encoding of int64 class indices.</summary>
    public static Tensor OneHot(Tensor x, long numClasses = -1) => Tensor.From(NativeMethods.wn_one_hot(x.Handle, numClasses, out var r), r);

    /// <summary>Samples <paramref name="x"/> at the grid's normalised coordinates (bilinear, zero padding).</summary>
    public static Tensor GridSample(Tensor x, Tensor grid, bool alignCorners = false) =>
        Tensor.From(NativeMethods.wn_grid_sample(x.Handle, grid.Handle, 0, 0, alignCorners ? 1 : 0, out var r), r);

    /// <summary>The sampling grid of an affine transform, for <see cref="GridSample"/>.</summary>
    public static Tensor AffineGrid(Tensor theta, long[] size, bool alignCorners = false) =>
        Tensor.From(NativeMethods.wn_affine_grid(theta.Handle, size, size.Length, alignCorners ? 1 : 0, out var r), r);
}
