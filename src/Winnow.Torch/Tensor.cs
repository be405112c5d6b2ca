using System.Text;
using Winnow.Torch.Native;

namespace Winnow.Torch;

/// <summary>
/// A libtorch tensor. Each instance owns exactly one native handle; it is freed by <see cref="Dispose"/>,
/// by the <see cref="DisposeScope"/> it was created in, or (last resort) by the finalizer of its handle.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal TensorHandle Handle { get; private set; }

    internal DisposeScope? Scope;

    /// <summary>Takes ownership of a handle the bridge just returned.</summary>
    internal Tensor(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero) throw new TorchException("the bridge returned no tensor");
        Handle = new TensorHandle(pointer);
        Scope = DisposeScope.Current;
        Scope?.Attach(this);
    }

    /// <summary>The raw pointer, for calls that take an optional tensor; keep the tensor alive around the call.</summary>
    internal IntPtr Pointer => Handle.DangerousGetHandle();

    /// <summary>Number of dimensions.</summary>
    public int Dim
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_ndim(Handle, out var n));
            return n;
        }
    }

    /// <summary>The size of each dimension (PyTorch's shape).</summary>
    public long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            NativeError.Check(NativeMethods.wn_tensor_shape(Handle, shape, shape.Length));
            return shape;
        }
    }

    /// <summary>Elements to step in storage per index of each dimension (PyTorch's stride()).</summary>
    public long[] Strides
    {
        get
        {
            var strides = new long[Dim];
            NativeError.Check(NativeMethods.wn_tensor_strides(Handle, strides, strides.Length));
            return strides;
        }
    }

    /// <summary>The size of one dimension; negative counts from the end.</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? dim + shape.Length : dim];
    }

    /// <summary>The element type.</summary>
    public ScalarType Dtype
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_dtype(Handle, out var type));
            return (ScalarType)type;
        }
    }

    /// <summary>The device holding the data.</summary>
    public Device Device
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Number of elements.</summary>
    public long NumEl
    {
        get
        {
            NativeError.Check(NativeMethods.wn_tensor_numel(Handle, out var n));
            return n;
        }
    }

    /// <summary>True once disposed; using a disposed tensor throws.</summary>
    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Copies the data into a new .NET array; <typeparamref name="T"/> must match <see cref="Dtype"/>.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var type = Dtype;
        if (ScalarTypes.Of<T>() != type)
            throw new ArgumentException($"ToArray<{typeof(T).Name}> on a {type} tensor: convert with .To(ScalarType) first");
        var result = new T[NumEl];
        fixed (T* p = result)
            NativeError.Check(NativeMethods.wn_tensor_copy_out(Handle, p, (long)result.Length * sizeof(T)));
        return result;
    }

    /// <summary>Copies the data into <paramref name="destination"/>, which must hold exactly <see cref="NumEl"/> elements.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        if (ScalarTypes.Of<T>() != Dtype)
            throw new ArgumentException($"CopyTo<{typeof(T).Name}> on a {Dtype} tensor");
        fixed (T* p = destination)
            NativeError.Check(NativeMethods.wn_tensor_copy_out(Handle, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>The value of a one-element tensor as a double (PyTorch's item()).</summary>
    public double Item()
    {
        NativeError.Check(NativeMethods.wn_tensor_item(Handle, out var value));
        return value;
    }

    /// <summary>The value of a one-element integer tensor.</summary>
    public long ItemLong()
    {
        NativeError.Check(NativeMethods.wn_tensor_item_long(Handle, out var value));
        return value;
    }

    /// <summary>Takes this tensor out of its dispose scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope?.Forget(this);
        Scope = null;
        return this;
    }

    /// <summary>Hands this tensor to the scope enclosing its own, so it survives the inner scope's end.</summary>
    public Tensor MoveToOuterDisposeScope() => Scope is null ? this : Scope.MoveToOuter(this);

    /// <summary>
    /// Makes this object own <paramref name="replacement"/>'s native tensor (PyTorch's param.data = x):
    /// modules move parameters between devices this way, and every reference to the parameter follows.
    /// </summary>
    internal void SetData(Tensor replacement)
    {
        replacement.DetachFromDisposeScope();
        var old = Handle;
        Handle = replacement.Handle;
        replacement.Handle = new TensorHandle();
        old.Dispose();
    }

    /// <summary>Frees the native tensor now.</summary>
    public void Dispose() => Handle.Dispose();

    /// <summary>libtorch's own printout of the tensor.</summary>
    public override string ToString()
    {
        var buffer = new byte[16384];
        NativeError.Check(NativeMethods.wn_tensor_to_string(Handle, buffer, buffer.Length));
        return Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0) is var n and >= 0 ? n : buffer.Length);
    }

    /// <summary>Wraps a result pointer after checking the status of the call that produced it.</summary>
    internal static Tensor From(int status, IntPtr pointer)
    {
        NativeError.Check(status);
        return new Tensor(pointer);
    }
}
