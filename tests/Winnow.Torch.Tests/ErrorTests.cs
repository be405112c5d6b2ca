namespace Winnow.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void ShapeMismatchInMatMulIsAReadableException()
    {
        using var a = torch.Zeros(2, 3);
        using var b = torch.Zeros(4, 5);
        var e = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("cannot be multiplied", e.Message);
        Assert.DoesNotContain("frame #", e.Message); // no C++ backtrace
    }

    [Fact]
    public void ErrorsAreKeptPerThreadAndTheBridgeStaysUsable()
    {
        using var a = torch.Zeros(2, 3);
        using var c = torch.Zeros(3, 3);
        var messages = new string[4];
        Parallel.For(0, 4, i =>
        {
            using var b = torch.Zeros(i + 4, 1);
            try { using var _ = a.MatMul(b); }
            catch (TorchException e) { messages[i] = e.Message; }
        });
        for (var i = 0; i < 4; i++) Assert.Contains($"{i + 4}x1", messages[i]);
        using var ok = a.MatMul(c);
        Assert.Equal(new long[] { 2, 3 }, ok.Shape);
    }

    [Fact]
    public void BadArgumentsToLayersAreExceptions()
    {
        using var x = torch.Zeros(1, 3, 8, 8);
        using var w = torch.Zeros(4, 5, 3, 3);
        Assert.Throws<TorchException>(() => nn.F.Conv2d(x, w));
        using var logits = torch.Zeros(2, 3);
        using var target = torch.FromArray(new long[] { 0, 7 });
        Assert.Throws<TorchException>(() => nn.F.CrossEntropy(logits, target));
    }

    [Fact]
    public void UsingADisposedTensorThrowsInsteadOfCrashing()
    {
        var t = torch.Zeros(3);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.Sum());
    }
}
