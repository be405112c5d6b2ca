namespace Winnow.Torch;

/// <summary>A number passed by value with a type tag (integer or floating), as libtorch's at::Scalar.</summary>
public readonly struct Scalar
{
    internal readonly double Double;
    internal readonly long Long;
    internal readonly bool IsInteger;

    private Scalar(double d, long l, bool isInteger) => (Double, Long, IsInteger) = (d, l, isInteger);

#pragma warning disable CS1591
    public static implicit operator Scalar(double value) => new(value, 0, false);
    public static implicit operator Scalar(float value) => new(value, 0, false);
    public static implicit operator Scalar(long value) => new(value, value, true);
    public static implicit operator Scalar(int value) => new(value, value, true);
    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, value ? 1 : 0, true);
#pragma warning restore CS1591

    /// <inheritdoc/>
    public override string ToString() => IsInteger ? Long.ToString() : Double.ToString("R");
}
