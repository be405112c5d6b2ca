namespace Winnow.Torch.Native;

/// <summary>Operation codes of the bridge's dispatching exports; they mirror native/src/tensor_math.cpp.</summary>
internal static class OpCodes
{
    internal enum Unary
    {
        Neg = 0, Abs = 1, Sqrt = 2, Exp = 3, Log = 4, Relu = 5, Gelu = 6, Silu = 7, Sigmoid = 8, Tanh = 9,
        Floor = 10, Ceil = 11, Round = 12, LogicalNot = 13, Contiguous = 14, Clone = 15, Detach = 16, Sign = 17,
        Sin = 18, Cos = 19, IsNan = 20, Rsqrt = 21, Square = 22, Log1p = 23, IsFinite = 24, Log2 = 25, Exp2 = 26,
        Reciprocal = 27, ContiguousChannelsLast = 28,
    }

    internal enum Binary
    {
        Add = 0, Sub = 1, Mul = 2, Div = 3, Pow = 4, Eq = 5, Ne = 6, Lt = 7, Le = 8, Gt = 9, Ge = 10, MatMul = 11,
        Maximum = 12, Minimum = 13, LogicalAnd = 14, LogicalOr = 15, Remainder = 16, Atan2 = 17, FloorDivide = 18,
        LogicalXor = 19, Copy = 100,
    }

    internal enum Reduce { Sum = 0, Mean = 1, Max = 2, Min = 3, Std = 4, Var = 5, Prod = 6, All = 7, Any = 8, LogSumExp = 9, Norm = 10 }
}
