using Winnow.Torch.Native;
using static Winnow.Torch.Native.OpCodes;

namespace Winnow.Torch;

// Reductions, arg-reductions, top-k and sort.
public sealed partial class Tensor
{
    private Tensor Reduction(Reduce op, long[] dims, bool keepDim, bool unbiased = true) =>
        From(NativeMethods.wn_reduce((int)op, Handle, dims, dims.Length, keepDim ? 1 : 0, unbiased ? 1 : 0, out var r), r);

    /// <summary>Sum over every element.</summary>
    public Tensor Sum() => Reduction(Reduce.Sum, [], false);
    /// <summary>Sum over the given dimensions.</summary>
    public Tensor Sum(long[] dims, bool keepDim = false) => Reduction(Reduce.Sum, dims, keepDim);
    /// <summary>Sum over one dimension.</summary>
    public Tensor Sum(long dim, bool keepDim = false) => Reduction(Reduce.Sum, [dim], keepDim);
    /// <summary>Mean over every element.</summary>
    public Tensor Mean() => Reduction(Reduce.Mean, [], false);
    /// <summary>Mean over the given dimensions.</summary>
    public Tensor Mean(long[] dims, bool keepDim = false) => Reduction(Reduce.Mean, dims, keepDim);
    /// <summary>Mean over one dimension.</summary>
    public Tensor Mean(long dim, bool keepDim = false) => Reduction(Reduce.Mean, [dim], keepDim);
    /// <summary>Largest element.</summary>
    public Tensor Max() => Reduction(Reduce.Max, [], false);
    /// <summary>Smallest element.</summary>
    public Tensor Min() => Reduction(Reduce.Min, [], false);
    /// <summary>Largest value over dimensions (torch.amax).</summary>
    public Tensor AMax(long[] dims, bool keepDim = false) => Reduction(Reduce.Max, dims, keepDim);
    /// <summary>Smallest value over dimensions (torch.amin).</summary>
    public Tensor AMin(long[] dims, bool keepDim = false) => Reduction(Reduce.Min, dims, keepDim);
    /// <summary>Standard deviation of every element (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
    public Tensor Std(bool unbiased = true) => Reduction(Reduce.Std, [], false, unbiased);
    /// <summary>Standard deviation over dimensions.</summary>
    public Tensor Std(long[] dims, bool unbiased = true, bool keepDim = false) => Reduction(Reduce.Std, dims, keepDim, unbiased);
    /// <summary>Variance of every element.</summary>
    public Tensor Var(bool unbiased = true) => Reduction(Reduce.Var, [], false, unbiased);
    /// <summary>Variance over dimensions.</summary>
    public Tensor Var(long[] dims, bool unbiased = true, bool keepDim = false) => Reduction(Reduce.Var, dims, keepDim, unbiased);
    /// <summary>Product of every element.</summary>
    public Tensor Prod() => Reduction(Reduce.Prod, [], false);
    /// <summary>True when every element is non-zero.</summary>
    public Tensor All() => Reduction(Reduce.All, [], false);
    /// <summary>True when any element is non-zero.</summary>
    public Tensor Any() => Reduction(Reduce.Any, [], false);
    /// <summary>log Σ exp over a dimension, computed stably.</summary>
    public Tensor LogSumExp(long dim, bool keepDim = false) => Reduction(Reduce.LogSumExp, [dim], keepDim);
    /// <summary>Euclidean norm of every element.</summary>
    public Tensor Norm() => Reduction(Reduce.Norm, [], false);

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor ArgMax() => From(NativeMethods.wn_arg_reduce(0, Handle, 0, 0, 0, out var r), r);
    /// <summary>Index of the largest element along a dimension.</summary>
    public Tensor ArgMax(long dim, bool keepDim = false) => From(NativeMethods.wn_arg_reduce(0, Handle, dim, 1, keepDim ? 1 : 0, out var r), r);
    /// <summary>Index of the smallest element of the flattened tensor.</summary>
    public Tensor ArgMin() => From(NativeMethods.wn_arg_reduce(1, Handle, 0, 0, 0, out var r), r);
    /// <summary>Index of the smallest element along a dimension.</summary>
    public Tensor ArgMin(long dim, bool keepDim = false) => From(NativeMethods.wn_arg_reduce(1, Handle, dim, 1, keepDim ? 1 : 0, out var r), r);

    /// <summary>Largest values and their indices along a dimension (torch.max(t, dim)).</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) => Pair(NativeMethods.wn_minmax_dim(0, Handle, dim, keepDim ? 1 : 0, out var v, out var i), v, i);
    /// <summary>Smallest values and their indices along a dimension.</summary>
    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) => Pair(NativeMethods.wn_minmax_dim(1, Handle, dim, keepDim ? 1 : 0, out var v, out var i), v, i);

    /// <summary>The k largest (or smallest) values and their indices.</summary>
    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true) =>
        Pair(NativeMethods.wn_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i), v, i);

    /// <summary>Sorted values and the permutation that sorts them.</summary>
    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false, bool stable = false) =>
        Pair(NativeMethods.wn_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i), v, i);

    private static (Tensor, Tensor) Pair(int status, IntPtr first, IntPtr second)
    {
        NativeError.Check(status);
        return (new Tensor(first), new Tensor(second));
    }
}
