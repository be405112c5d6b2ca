namespace Winnow.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void GradientOfASumOfSquaresIsTwiceTheInput()
    {
        using var scope = torch.NewScope();
        var x = torch.FromArray(new float[] { 1, -2, 3 }).RequiresGrad_();
        var y = (x * x).Sum();
        y.Backward();
        Assert.Equal(new float[] { 2, -4, 6 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void NoGradStopsRecordingAndDetachCutsTheGraph()
    {
        using var scope = torch.NewScope();
        var x = torch.Ones(2).RequiresGrad_();
        using (torch.NoGrad())
        {
            var y = x * 3;
            Assert.False(y.RequiresGrad);
        }
        Assert.True((x * 3).RequiresGrad);
        Assert.False((x * 3).Detach().RequiresGrad);
        Assert.Null(torch.Ones(1).Grad);
    }

    [Fact]
    public void GradientsAccumulateUntilZeroed()
    {
        using var scope = torch.NewScope();
        var x = torch.FromArray(new float[] { 2 }).RequiresGrad_();
        (x * 5).Sum().Backward();
        (x * 5).Sum().Backward();
        Assert.Equal(10, x.Grad!.Item());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }
}
