using Winnow.Torch.Native;

namespace Winnow.Torch;

// Views, reshapes, joins and moves between devices and types.
public sealed partial class Tensor
{
    /// <summary>The same data with a new shape (a view when possible); one size may be -1.</summary>
    public Tensor Reshape(params long[] shape) => From(NativeMethods.wn_reshape(Handle, shape, shape.Length, 0, out var r), r);
    /// <summary>A view with a new shape; fails when the layout does not allow it.</summary>
    public Tensor View(params long[] shape) => From(NativeMethods.wn_reshape(Handle, shape, shape.Length, 1, out var r), r);
    /// <summary>Broadcasts size-one dimensions to the given sizes without copying.</summary>
    public Tensor Expand(params long[] shape) => From(NativeMethods.wn_expand(Handle, shape, shape.Length, out var r), r);
    /// <summary>Reorders dimensions.</summary>
    /// <summary>
    /// The same NCHW tensor stored channels-last (NHWC strides, still indexed as NCHW). oneDNN convolves this layout
    /// faster on CPU (about 20 % for a ResNet-18 training step here), and convolution outputs keep it.
    /// </summary>
    public Tensor ToChannelsLast()
    {
        if (Dim != 4) throw new ArgumentException($"channels-last needs a 4-d NCHW tensor, not {Dim}-d");
        return Unary(OpCodes.Unary.ContiguousChannelsLast);
    }

    public Tensor Permute(params long[] dims) => From(NativeMethods.wn_permute(Handle, dims, dims.Length, out var r), r);
    /// <summary>Swaps two dimensions.</summary>
    public Tensor Transpose(long dim0, long dim1) => From(NativeMethods.wn_transpose(Handle, dim0, dim1, out var r), r);
    /// <summary>The transpose of a 2-D tensor (PyTorch's .T).</summary>
    public Tensor T => Transpose(0, 1);
    /// <summary>Merges dimensions start..end into one.</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) => From(NativeMethods.wn_flatten(Handle, startDim, endDim, out var r), r);
    /// <summary>Removes every dimension of size one.</summary>
    public Tensor Squeeze() => From(NativeMethods.wn_squeeze(Handle, 0, 0, out var r), r);
    /// <summary>Removes one dimension of size one.</summary>
    public Tensor Squeeze(long dim) => From(NativeMethods.wn_squeeze(Handle, dim, 1, out var r), r);
    /// <summary>Inserts a dimension of size one.</summary>
    public Tensor Unsqueeze(long dim) => From(NativeMethods.wn_unsqueeze(Handle, dim, out var r), r);
    /// <summary>Reverses the order along the given dimensions.</summary>
    public Tensor Flip(params long[] dims) => From(NativeMethods.wn_flip(Handle, dims, dims.Length, out var r), r);
    /// <summary>Rotates by k quarter turns in the plane of two dimensions.</summary>
    public Tensor Rot90(long k = 1, long dim0 = 0, long dim1 = 1) => From(NativeMethods.wn_rot90(Handle, k, dim0, dim1, out var r), r);
    /// <summary>Tiles the tensor (torch.Tensor.repeat).</summary>
    public Tensor Repeat(params long[] repeats) => From(NativeMethods.wn_repeat(Handle, repeats, repeats.Length, out var r), r);

    /// <summary>Python's t[start:end:step] along <paramref name="dim"/>; a view.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => From(NativeMethods.wn_slice(Handle, dim, start, end, step, out var r), r);
    /// <summary>t[..., index, ...] at dimension <paramref name="dim"/>, removing it; a view.</summary>
    public Tensor Select(long dim, long index) => From(NativeMethods.wn_select(Handle, dim, index, out var r), r);
    /// <summary>Picks the entries listed in an int64 tensor along a dimension.</summary>
    public Tensor IndexSelect(long dim, Tensor index) => From(NativeMethods.wn_index_select(Handle, dim, index.Handle, out var r), r);
    /// <summary>t[mask] with a bool tensor, or t[indices] with an int64 tensor (first dimension).</summary>
    public Tensor Index(Tensor index) => From(NativeMethods.wn_index(Handle, index.Handle, out var r), r);
    /// <summary>t[index] = values, in place.</summary>
    public Tensor IndexPut_(Tensor index, Tensor values)
    {
        NativeError.Check(NativeMethods.wn_index_put_(Handle, index.Handle, values.Handle));
        return this;
    }
    /// <summary>Gathers values along a dimension at the given indices.</summary>
    public Tensor Gather(long dim, Tensor index) => From(NativeMethods.wn_gather(Handle, dim, index.Handle, out var r), r);
    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor MaskedFill(Tensor mask, double value) => From(NativeMethods.wn_masked_fill(Handle, mask.Handle, value, out var r), r);
    /// <summary>Indices of the non-zero elements, one row each.</summary>
    public Tensor NonZero() => From(NativeMethods.wn_nonzero(Handle, out var r), r);

    /// <summary>A copy on another device (or this data if already there).</summary>
    public Tensor To(Device device) => From(NativeMethods.wn_to(Handle, -1, (int)device.Type, device.Index, out var r), r);
    /// <summary>A copy with another element type.</summary>
    public Tensor To(ScalarType type) => From(NativeMethods.wn_to(Handle, (int)type, -1, 0, out var r), r);
    /// <summary>A copy with another element type on another device.</summary>
    public Tensor To(ScalarType type, Device device) => From(NativeMethods.wn_to(Handle, (int)type, (int)device.Type, device.Index, out var r), r);
    /// <summary>To(Device.CPU).</summary>
    public Tensor Cpu() => To(Device.CPU);
    /// <summary>float32 copy.</summary>
    public Tensor Float() => To(ScalarType.Float32);
    /// <summary>int64 copy.</summary>
    public Tensor Long() => To(ScalarType.Int64);
}
