namespace Winnow.Torch;

/// <summary>One entry of a Python-style index: an integer, a slice (a C# range), ..., None, or a tensor.</summary>
public readonly struct TensorIndex
{
    internal enum Kind { Single, Slice, Ellipsis, NewAxis, Tensor }

    internal readonly Kind What;
    internal readonly long Value;
    internal readonly Index? Start;
    internal readonly Index? End;
    internal readonly long Step;
    internal readonly Tensor? Tensor;

    private TensorIndex(Kind what, long value = 0, Index? start = null, Index? end = null, long step = 1, Tensor? tensor = null) =>
        (What, Value, Start, End, Step, Tensor) = (what, value, start, end, step, tensor);

    /// <summary>Python's "...".</summary>
    public static readonly TensorIndex Ellipsis = new(Kind.Ellipsis);

    /// <summary>Python's None (a new axis of size one).</summary>
    public static readonly TensorIndex None = new(Kind.NewAxis);

    /// <summary>Python's ":" (everything along a dimension).</summary>
    public static readonly TensorIndex Colon = new(Kind.Slice);

    /// <summary>A slice with a step: start:end:step (null bounds mean the ends).</summary>
    public static TensorIndex Slice(long? start = null, long? end = null, long step = 1) =>
        new(Kind.Slice, start: start is { } s ? FromSigned(s) : null, end: end is { } e ? FromSigned(e) : null, step: step);

    private static Index FromSigned(long v) => v >= 0 ? new Index((int)v) : new Index((int)-v, fromEnd: true);

#pragma warning disable CS1591
    public static implicit operator TensorIndex(long index) => new(Kind.Single, index);
    public static implicit operator TensorIndex(int index) => new(Kind.Single, index);
    public static implicit operator TensorIndex(Index index) => new(Kind.Single, index.IsFromEnd ? -index.Value : index.Value);
    public static implicit operator TensorIndex(Range range) => new(Kind.Slice, start: range.Start, end: range.End);
    public static implicit operator TensorIndex(Tensor tensor) => new(Kind.Tensor, tensor: tensor);
#pragma warning restore CS1591

    /// <summary>True for indices that consume a dimension of the tensor.</summary>
    internal bool ConsumesDimension => What is Kind.Single or Kind.Slice or Kind.Tensor;

    internal static long Resolve(Index? index, long size, long whenMissing) =>
        index is not { } i ? whenMissing : i.IsFromEnd ? Math.Max(0, size - i.Value) : Math.Min(i.Value, size);
}
