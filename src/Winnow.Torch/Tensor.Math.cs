using Winnow.Torch.Native;
using static Winnow.Torch.Native.OpCodes;

namespace Winnow.Torch;

// Element-wise maths, operators and comparisons, named as in PyTorch.
public sealed partial class Tensor
{
    internal Tensor Unary(Unary op) => From(NativeMethods.wn_unary((int)op, Handle, out var r), r);

    internal Tensor Binary(Binary op, Tensor other) => From(NativeMethods.wn_binary((int)op, Handle, other.Handle, out var r), r);

    internal Tensor BinaryScalar(Binary op, Scalar s, bool reverse = false) =>
        From(NativeMethods.wn_binary_scalar((int)op, Handle, s.Double, s.Long, s.IsInteger ? 1 : 0, reverse ? 1 : 0, out var r), r);

    /// <summary>-x.</summary>
    public Tensor Neg() => Unary(OpCodes.Unary.Neg);
    /// <summary>|x|.</summary>
    public Tensor Abs() => Unary(OpCodes.Unary.Abs);
    /// <summary>Square root.</summary>
    public Tensor Sqrt() => Unary(OpCodes.Unary.Sqrt);
    /// <summary>1/sqrt(x).</summary>
    public Tensor Rsqrt() => Unary(OpCodes.Unary.Rsqrt);
    /// <summary>e^x.</summary>
    public Tensor Exp() => Unary(OpCodes.Unary.Exp);
    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(OpCodes.Unary.Log);
    /// <summary>log(1 + x).</summary>
    public Tensor Log1p() => Unary(OpCodes.Unary.Log1p);
    /// <summary>Base-2 logarithm.</summary>
    public Tensor Log2() => Unary(OpCodes.Unary.Log2);
    /// <summary>x².</summary>
    public Tensor Square() => Unary(OpCodes.Unary.Square);
    /// <summary>1/x.</summary>
    public Tensor Reciprocal() => Unary(OpCodes.Unary.Reciprocal);
    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => Unary(OpCodes.Unary.Relu);
    /// <summary>Gaussian error linear unit (exact form).</summary>
    public Tensor Gelu() => Unary(OpCodes.Unary.Gelu);
    /// <summary>x · sigmoid(x).</summary>
    public Tensor Silu() => Unary(OpCodes.Unary.Silu);
    /// <summary>Logistic sigmoid.</summary>
    public Tensor Sigmoid() => Unary(OpCodes.Unary.Sigmoid);
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => Unary(OpCodes.Unary.Tanh);
    /// <summary>Sine.</summary>
    public Tensor Sin() => Unary(OpCodes.Unary.Sin);
    /// <summary>Cosine.</summary>
    public Tensor Cos() => Unary(OpCodes.Unary.Cos);
    /// <summary>Round down.</summary>
    public Tensor Floor() => Unary(OpCodes.Unary.Floor);
    /// <summary>Round up.</summary>
    public Tensor Ceil() => Unary(OpCodes.Unary.Ceil);
    /// <summary>Round half to even.</summary>
    public Tensor Round() => Unary(OpCodes.Unary.Round);
    /// <summary>-1, 0 or 1.</summary>
    public Tensor Sign() => Unary(OpCodes.Unary.Sign);
    /// <summary>Element-wise NOT of a bool tensor.</summary>
    public Tensor LogicalNot() => Unary(OpCodes.Unary.LogicalNot);
    /// <summary>True where NaN.</summary>
    public Tensor IsNan() => Unary(OpCodes.Unary.IsNan);
    /// <summary>True where finite.</summary>
    public Tensor IsFinite() => Unary(OpCodes.Unary.IsFinite);
    /// <summary>A contiguous copy (or this data if already contiguous).</summary>
    public Tensor Contiguous() => Unary(OpCodes.Unary.Contiguous);
    /// <summary>A copy that autograd tracks.</summary>
    public Tensor Clone() => Unary(OpCodes.Unary.Clone);

    /// <summary>x^exponent.</summary>
    public Tensor Pow(double exponent) => BinaryScalar(OpCodes.Binary.Pow, exponent);
    /// <summary>x^exponent, element-wise.</summary>
    public Tensor Pow(Tensor exponent) => Binary(OpCodes.Binary.Pow, exponent);
    /// <summary>Matrix product with broadcasting (torch.matmul).</summary>
    public Tensor MatMul(Tensor other) => Binary(OpCodes.Binary.MatMul, other);
    /// <summary>Element-wise maximum.</summary>
    public Tensor Maximum(Tensor other) => Binary(OpCodes.Binary.Maximum, other);
    /// <summary>Element-wise minimum.</summary>
    public Tensor Minimum(Tensor other) => Binary(OpCodes.Binary.Minimum, other);
    /// <summary>Python's modulo (sign of the divisor).</summary>
    public Tensor Remainder(Scalar divisor) => BinaryScalar(OpCodes.Binary.Remainder, divisor);
    /// <summary>atan2(this, other).</summary>
    public Tensor Atan2(Tensor other) => Binary(OpCodes.Binary.Atan2, other);
    /// <summary>Element-wise AND.</summary>
    public Tensor LogicalAnd(Tensor other) => Binary(OpCodes.Binary.LogicalAnd, other);
    /// <summary>Element-wise OR.</summary>
    public Tensor LogicalOr(Tensor other) => Binary(OpCodes.Binary.LogicalOr, other);

    /// <summary>Element-wise ==.</summary>
    public Tensor Eq(Tensor other) => Binary(OpCodes.Binary.Eq, other);
    /// <summary>Element-wise == scalar.</summary>
    public Tensor Eq(Scalar other) => BinaryScalar(OpCodes.Binary.Eq, other);
    /// <summary>Element-wise !=.</summary>
    public Tensor Ne(Tensor other) => Binary(OpCodes.Binary.Ne, other);
    /// <summary>Element-wise != scalar.</summary>
    public Tensor Ne(Scalar other) => BinaryScalar(OpCodes.Binary.Ne, other);
    /// <summary>Element-wise &lt;.</summary>
    public Tensor Lt(Tensor other) => Binary(OpCodes.Binary.Lt, other);
    /// <summary>Element-wise &lt;=.</summary>
    public Tensor Le(Tensor other) => Binary(OpCodes.Binary.Le, other);
    /// <summary>Element-wise &gt;.</summary>
    public Tensor Gt(Tensor other) => Binary(OpCodes.Binary.Gt, other);
    /// <summary>Element-wise &gt;=.</summary>
    public Tensor Ge(Tensor other) => Binary(OpCodes.Binary.Ge, other);

    /// <summary>Clamps into [min, max]; either bound may be left out.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        From(NativeMethods.wn_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, out var r), r);

    /// <summary>Cumulative sum along a dimension.</summary>
    public Tensor CumSum(long dim) => From(NativeMethods.wn_cumsum(Handle, dim, out var r), r);

    /// <summary>True when every element is within atol + rtol·|other| of <paramref name="other"/>.</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        NativeError.Check(NativeMethods.wn_allclose(Handle, other.Handle, rtol, atol, out var result));
        return result != 0;
    }

    /// <summary>In place: max(x, 0), as ReLU(inplace=True); returns this tensor.</summary>
    public Tensor Relu_() { NativeError.Check(NativeMethods.wn_unary_inplace((int)OpCodes.Unary.Relu, Handle)); return this; }
    /// <summary>In place: sigmoid.</summary>
    public Tensor Sigmoid_() { NativeError.Check(NativeMethods.wn_unary_inplace((int)OpCodes.Unary.Sigmoid, Handle)); return this; }

    /// <summary>In place: this += other.</summary>
    public Tensor Add_(Tensor other) { NativeError.Check(NativeMethods.wn_binary_inplace((int)OpCodes.Binary.Add, Handle, other.Handle)); return this; }
    /// <summary>In place: this *= other.</summary>
    public Tensor Mul_(Tensor other) { NativeError.Check(NativeMethods.wn_binary_inplace((int)OpCodes.Binary.Mul, Handle, other.Handle)); return this; }
    /// <summary>In place: copies <paramref name="source"/> into this tensor (broadcasting), as autograd sees it.</summary>
    public Tensor Copy_(Tensor source) { NativeError.Check(NativeMethods.wn_binary_inplace((int)OpCodes.Binary.Copy, Handle, source.Handle)); return this; }
    /// <summary>In place: sets every element to <paramref name="value"/>.</summary>
    public Tensor Fill_(Scalar value) { NativeError.Check(NativeMethods.wn_fill_(Handle, value.Double, value.Long, value.IsInteger ? 1 : 0)); return this; }

    /// <summary>this + alpha · other in one kernel.</summary>
    public Tensor Add(Tensor other, double alpha) => From(NativeMethods.wn_add_scaled(Handle, other.Handle, alpha, out var r), r);

#pragma warning disable CS1591 // Operators mean what they mean in PyTorch.
    public static Tensor operator +(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Add, b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Sub, b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Mul, b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Div, b);
    public static Tensor operator %(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Remainder, b);
    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator +(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Add, b);
    public static Tensor operator -(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Sub, b);
    public static Tensor operator *(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Mul, b);
    public static Tensor operator /(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Div, b);
    public static Tensor operator %(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Remainder, b);
    public static Tensor operator +(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Add, a);
    public static Tensor operator -(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Sub, a, reverse: true);
    public static Tensor operator *(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Mul, a);
    public static Tensor operator /(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Div, a, reverse: true);
    public static Tensor operator <(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Lt, b);
    public static Tensor operator >(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Gt, b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Le, b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.Binary(OpCodes.Binary.Ge, b);
    public static Tensor operator <(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Lt, b);
    public static Tensor operator >(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Gt, b);
    public static Tensor operator <=(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Le, b);
    public static Tensor operator >=(Tensor a, Scalar b) => a.BinaryScalar(OpCodes.Binary.Ge, b);
    public static Tensor operator <(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Gt, a);
    public static Tensor operator >(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Lt, a);
    public static Tensor operator <=(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Ge, a);
    public static Tensor operator >=(Scalar a, Tensor b) => b.BinaryScalar(OpCodes.Binary.Le, a);
    public static Tensor operator &(Tensor a, Tensor b) => a.LogicalAnd(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.LogicalOr(b);
    public static Tensor operator !(Tensor a) => a.LogicalNot();
#pragma warning restore CS1591
}
