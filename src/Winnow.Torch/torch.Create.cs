using Winnow.Torch.Native;

namespace Winnow.Torch;

// Making tensors: from .NET data, filled, ranges, random draws, and joining.
#pragma warning disable CS8981 // lower-case on purpose, see Torch.cs
public static partial class torch
#pragma warning restore CS8981
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (the data's length by default).</summary>
    public static unsafe Tensor FromArray<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null) where T : unmanaged
    {
        shape ??= [data.Length];
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"negative size {s} in shape [{string.Join(", ", shape)}]");
            count *= s;
        }
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements but the data has {data.Length}");
        var d = device ?? Device.CPU;
        fixed (T* p = data)
            return Tensor.From(NativeMethods.wn_tensor_from_data(p, shape, shape.Length, (int)ScalarTypes.Of<T>(), (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged =>
        FromArray<T>(data.AsSpan(), shape.Length == 0 ? null : shape);

    /// <summary>A zero-dimensional tensor holding one number.</summary>
    public static Tensor Scalar(double value, ScalarType type = ScalarType.Float32) => Full([], value, type);

    /// <summary>Uninitialised memory of the given shape.</summary>
    public static Tensor Empty(long[] shape, ScalarType type = ScalarType.Float32, Device? device = null) => Filled(0, shape, 0, type, device);
    /// <summary>Zeros.</summary>
    public static Tensor Zeros(long[] shape, ScalarType type = ScalarType.Float32, Device? device = null) => Filled(1, shape, 0, type, device);
    /// <summary>Zeros of the given sizes (float32).</summary>
    public static Tensor Zeros(params long[] shape) => Zeros(shape, ScalarType.Float32);
    /// <summary>Ones.</summary>
    public static Tensor Ones(long[] shape, ScalarType type = ScalarType.Float32, Device? device = null) => Filled(2, shape, 0, type, device);
    /// <summary>Ones of the given sizes (float32).</summary>
    public static Tensor Ones(params long[] shape) => Ones(shape, ScalarType.Float32);
    /// <summary>Every element set to <paramref name="value"/>.</summary>
    public static Tensor Full(long[] shape, Scalar value, ScalarType type = ScalarType.Float32, Device? device = null) => Filled(3, shape, value, type, device);
    /// <summary>Zeros shaped and typed like <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Shape, like.Dtype, like.Device);
    /// <summary>Ones shaped and typed like <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Ones(like.Shape, like.Dtype, like.Device);

    private static Tensor Filled(int kind, long[] shape, Scalar value, ScalarType type, Device? device)
    {
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.wn_tensor_filled(kind, shape, shape.Length, (int)type, (int)d.Type, d.Index, value.Double, value.Long, value.IsInteger ? 1 : 0, out var r), r);
    }

    /// <summary>start, start+step, … below end (torch.arange).</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType type = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.wn_tensor_arange(start, end, step, (int)type, (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>0, 1, …, end-1 as int64.</summary>
    public static Tensor Arange(long end) => Arange(0, end);

    /// <summary>Uniform draws in [0, 1).</summary>
    public static Tensor Rand(long[] shape, Generator? generator = null, ScalarType type = ScalarType.Float32, Device? device = null) => Random(0, shape, 0, 0, generator, type, device);
    /// <summary>Standard normal draws.</summary>
    public static Tensor Randn(long[] shape, Generator? generator = null, ScalarType type = ScalarType.Float32, Device? device = null) => Random(1, shape, 0, 0, generator, type, device);
    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor RandInt(long low, long high, long[] shape, Generator? generator = null, Device? device = null) => Random(2, shape, low, high, generator, ScalarType.Int64, device);
    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor RandPerm(long n, Generator? generator = null) => Random(3, [n], 0, 0, generator, ScalarType.Int64, null);

    private static Tensor Random(int kind, long[] shape, long low, long high, Generator? generator, ScalarType type, Device? device)
    {
        var d = device ?? Device.CPU;
        var status = NativeMethods.wn_tensor_random(kind, shape, shape.Length, (int)type, (int)d.Type, d.Index, low, high, generator?.Pointer ?? IntPtr.Zero, out var r);
        GC.KeepAlive(generator);
        return Tensor.From(status, r);
    }

    /// <summary>Joins tensors along an existing dimension.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(0, tensors, dim);
    /// <summary>Joins tensors along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(1, tensors, dim);

    private static Tensor Join(int kind, IReadOnlyList<Tensor> tensors, long dim)
    {
        if (tensors.Count == 0) throw new ArgumentException("cannot join an empty list of tensors");
        var pointers = tensors.Select(t => t.Pointer).ToArray();
        var status = NativeMethods.wn_join(kind, pointers, pointers.Length, dim, out var r);
        GC.KeepAlive(tensors);
        return Tensor.From(status, r);
    }

    /// <summary>Picks from <paramref name="a"/> where <paramref name="condition"/> holds, else from <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => Tensor.From(NativeMethods.wn_where(condition.Handle, a.Handle, b.Handle, out var r), r);
}
