namespace Winnow.Torch.Tests;

public class ScopeTests
{
    [Fact]
    public void ScopeFreesWhatWasMadeInsideButNotWhatWasMovedOut()
    {
        Tensor inner, kept;
        using (var scope = torch.NewScope())
        {
            inner = torch.Ones(3);
            kept = (inner * 2).MoveToOuterDisposeScope();
            Assert.Equal(1, scope.Count); // the product moved out
        }
        Assert.True(inner.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal(6, kept.Sum().Item());
        kept.Dispose();
    }

    [Fact]
    public void NestedScopesHandTensorsOutward()
    {
        Tensor survivor;
        using (var outer = torch.NewScope())
        {
            using (torch.NewScope())
            {
                survivor = torch.Zeros(1).MoveToOuterDisposeScope();
            }
            Assert.False(survivor.IsDisposed);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(survivor.IsDisposed);
    }

    [Fact]
    public void DetachedTensorsOutliveEveryScope()
    {
        Tensor free;
        using (torch.NewScope()) free = torch.Zeros(1).DetachFromDisposeScope();
        Assert.False(free.IsDisposed);
        free.Dispose();
    }
}
