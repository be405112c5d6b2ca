namespace Winnow.Torch.Tests;

public class TensorTests
{
    [Fact]
    public void RoundTripsEveryElementType()
    {
        using (var t = torch.FromArray(new float[] { 1.5f, -2, 3 })) Assert.Equal(new float[] { 1.5f, -2, 3 }, t.ToArray<float>());
        using (var t = torch.FromArray(new double[] { 1e-300, 2 })) Assert.Equal(new[] { 1e-300, 2 }, t.ToArray<double>());
        using (var t = torch.FromArray(new Half[] { (Half)0.5, (Half)(-1) })) Assert.Equal(new Half[] { (Half)0.5, (Half)(-1) }, t.ToArray<Half>());
        using (var t = torch.FromArray(new long[] { long.MaxValue, -1 })) Assert.Equal(new[] { long.MaxValue, -1 }, t.ToArray<long>());
        using (var t = torch.FromArray(new int[] { int.MinValue, 7 })) Assert.Equal(new[] { int.MinValue, 7 }, t.ToArray<int>());
        using (var t = torch.FromArray(new byte[] { 0, 255 })) Assert.Equal(new byte[] { 0, 255 }, t.ToArray<byte>());
        using (var t = torch.FromArray(new bool[] { true, false })) Assert.Equal(new[] { true, false }, t.ToArray<bool>());
        using (var t = torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3))
        {
            Assert.Equal(new long[] { 2, 3 }, t.Shape);
            Assert.Equal(ScalarType.Float32, t.Dtype);
            Assert.Equal(Device.CPU, t.Device);
        }
    }

    [Fact]
    public void ShapeThatDoesNotMatchTheDataIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.FromArray(new float[5], 2, 3));
        Assert.Contains("6 elements", e.Message);
    }

    [Fact]
    public void ToArrayOfTheWrongTypeIsRejected()
    {
        using var t = torch.Zeros(3);
        Assert.Throws<ArgumentException>(() => t.ToArray<long>());
    }

    [Fact]
    public void FactoriesFillAsPyTorch()
    {
        using var z = torch.Zeros(2, 2);
        using var o = torch.Ones([3], ScalarType.Int64);
        using var f = torch.Full([2], 2.5);
        using var a = torch.Arange(0, 1, 0.25, ScalarType.Float64);
        Assert.All(z.ToArray<float>(), v => Assert.Equal(0, v));
        Assert.Equal(new long[] { 1, 1, 1 }, o.ToArray<long>());
        Assert.Equal(new[] { 2.5f, 2.5f }, f.ToArray<float>());
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75 }, a.ToArray<double>());
    }

    [Fact]
    public void SeededGeneratorsRepeatTheirDraws()
    {
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        using var a = torch.Randn([100], g1);
        using var b = torch.Randn([100], g2);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        torch.ManualSeed(5);
        using var c = torch.Rand([10]);
        torch.ManualSeed(5);
        using var d = torch.Rand([10]);
        Assert.Equal(c.ToArray<float>(), d.ToArray<float>());
        Assert.All(c.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        using var n = torch.Randn([20000], g1);
        Assert.InRange(n.Mean().Item(), -0.05, 0.05);
        Assert.InRange(n.Std().Item(), 0.95, 1.05);
    }

    [Fact]
    public void ArithmeticBroadcastsAndTakesScalars()
    {
        using var scope = torch.NewScope();
        var a = torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var row = torch.FromArray(new float[] { 10, 20, 30 });
        Assert.Equal(new float[] { 11, 22, 33, 14, 25, 36 }, (a + row).ToArray<float>());
        Assert.Equal(new float[] { 9, 18, 27, 6, 15, 24 }, (row - a).ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, (a * 2).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, -1, -2, -3, -4 }, (2 - a).ToArray<float>());
        Assert.Equal(new float[] { 6, 3, 2, 1.5f, 1.2f, 1 }, (6 / a).ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 9, 16, 25, 36 }, a.Pow(2).ToArray<float>());
        Assert.Equal(new[] { false, false, true, true, true, true }, (a > 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, false, false, false }, (a <= row / 10).ToArray<bool>());
        Assert.Equal(new float[] { 2, 2, 3, 4, 4, 4 }, a.Clamp(2, 4).ToArray<float>());
        Assert.Equal(2, a.Sqrt().Pow(2)[0, 1].Item(), 5);
        Assert.Equal(1, a.Exp().Log()[0, 0].Item(), 5);
    }

    [Fact]
    public void ReductionsMatchHandComputedValues()
    {
        using var scope = torch.NewScope();
        var a = torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(21, a.Sum().Item());
        Assert.Equal(new float[] { 6, 15 }, a.Sum(1).ToArray<float>());
        Assert.Equal(new float[] { 2.5f, 3.5f, 4.5f }, a.Mean(0).ToArray<float>());
        Assert.Equal(6, a.Max().Item());
        Assert.Equal(1, a.Min().Item());
        Assert.Equal(Math.Sqrt(3.5), a.Std().Item(), 5);
        Assert.Equal(Math.Sqrt(35.0 / 12), a.Std(unbiased: false).Item(), 5);
        Assert.Equal(5, a.ArgMax().ItemLong());
        Assert.Equal(new long[] { 2, 2 }, a.ArgMax(1).ToArray<long>());
        var (values, indices) = a.Max(0);
        Assert.Equal(new float[] { 4, 5, 6 }, values.ToArray<float>());
        Assert.Equal(new long[] { 1, 1, 1 }, indices.ToArray<long>());
        Assert.Equal(new long[] { 2, 1 }, a.Sum([1], keepDim: true).Shape);
    }

    [Fact]
    public void TopKSortAndWhere()
    {
        using var scope = torch.NewScope();
        var a = torch.FromArray(new float[] { 3, 1, 4, 1, 5, 9, 2, 6 });
        var (top, at) = a.TopK(3);
        Assert.Equal(new float[] { 9, 6, 5 }, top.ToArray<float>());
        Assert.Equal(new long[] { 5, 7, 4 }, at.ToArray<long>());
        var (sorted, order) = a.Sort(descending: false, stable: true);
        Assert.Equal(new float[] { 1, 1, 2, 3, 4, 5, 6, 9 }, sorted.ToArray<float>());
        Assert.Equal(new long[] { 1, 3 }, order.Slice(0, 0, 2).ToArray<long>());
        var w = torch.Where(a > 3, a, torch.Zeros(8));
        Assert.Equal(new float[] { 0, 0, 4, 0, 5, 9, 0, 6 }, w.ToArray<float>());
    }

    [Fact]
    public void MatMulAndShapes()
    {
        using var scope = torch.NewScope();
        var a = torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = torch.FromArray(new float[] { 1, 0, 0, 1, 1, 1 }, 3, 2);
        Assert.Equal(new float[] { 4, 5, 10, 11 }, a.MatMul(b).ToArray<float>());
        Assert.Equal(new long[] { 3, 2 }, a.T.Shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, a.T.Contiguous().ToArray<float>());
        Assert.Equal(new long[] { 3, 2 }, a.Reshape(3, -1).Shape);
        Assert.Equal(new long[] { 1, 2, 3 }, a.Unsqueeze(0).Shape);
        Assert.Equal(new long[] { 2, 3 }, a.Unsqueeze(0).Squeeze().Shape);
        Assert.Equal(new long[] { 6 }, a.Flatten().Shape);
        Assert.Equal(new long[] { 3, 2 }, a.Permute(1, 0).Shape);
        Assert.Equal(new long[] { 4, 3 }, torch.Cat([a, a]).Shape);
        Assert.Equal(new long[] { 2, 2, 3 }, torch.Stack([a, a]).Shape);
        Assert.Equal(new float[] { 3, 2, 1, 6, 5, 4 }, a.Flip(1).ToArray<float>());
    }

    [Fact]
    public void IndexingWorksLikePython()
    {
        using var scope = torch.NewScope();
        var a = torch.Arange(0, 24, 1, ScalarType.Float32).Reshape(2, 3, 4);
        Assert.Equal(13, a[1, 0, 1].Item());
        Assert.Equal(new long[] { 3, 4 }, a[0].Shape);
        Assert.Equal(new float[] { 5, 6 }, a[0, 1, 1..3].ToArray<float>());
        Assert.Equal(new float[] { 3, 7, 11 }, a[0, .., ^1].ToArray<float>());
        Assert.Equal(new long[] { 2, 3 }, a[TensorIndex.Ellipsis, 0].Shape);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, a[.., TensorIndex.None].Shape);
        Assert.Equal(new float[] { 0, 2 }, a[0, 0, TensorIndex.Slice(0, 4, 2)].ToArray<float>());
        var flat = a.Flatten();
        Assert.Equal(new float[] { 20, 21, 22, 23 }, flat[flat > 19].ToArray<float>());
        Assert.Equal(new float[] { 1, 5 }, flat[torch.FromArray(new long[] { 1, 5 })].ToArray<float>());
        var target = torch.Zeros(3, 3);
        target[1] = torch.Ones(3);
        target[.., 2] = torch.Full([3], 7);
        Assert.Equal(new float[] { 0, 0, 7, 1, 1, 7, 0, 0, 7 }, target.ToArray<float>());
    }

    [Fact]
    public void MovesBetweenTypes()
    {
        using var scope = torch.NewScope();
        var a = torch.FromArray(new float[] { 1.7f, -2.2f });
        Assert.Equal(new long[] { 1, -2 }, a.Long().ToArray<long>());
        Assert.Equal(new[] { 1.7f, -2.2f }, a.To(ScalarType.Float64).To(ScalarType.Float32).ToArray<float>());
        Assert.Equal(new Half[] { (Half)1.7f, (Half)(-2.2f) }, a.To(ScalarType.Float16).ToArray<Half>());
        Assert.Equal(Device.CPU, a.To(Device.CPU).Device);
    }
}
