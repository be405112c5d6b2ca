using Winnow.Torch.nn;

namespace Winnow.Torch.Tests;

public class AutocastTests
{
    [Fact]
    public void ConvolutionRunsInBFloat16InsideTheRegionAndFloat32Outside()
    {
        using var scope = torch.NewScope();
        var conv = new Conv2d(3, 4, 3, padding: 1);
        var x = torch.Randn([2, 3, 8, 8], new Generator(1));
        Assert.False(torch.IsAutocastEnabled(DeviceType.CPU));
        Tensor half;
        using (torch.Autocast(DeviceType.CPU))
        {
            Assert.True(torch.IsAutocastEnabled(DeviceType.CPU));
            half = conv.Forward(x);
            Assert.Equal(ScalarType.BFloat16, half.Dtype);
        }
        Assert.False(torch.IsAutocastEnabled(DeviceType.CPU));
        var full = conv.Forward(x);
        Assert.Equal(ScalarType.Float32, full.Dtype);
        // bfloat16 keeps 8 bits of mantissa: outputs agree to about 1 % of their spread, and are not the same numbers.
        var difference = (half.To(ScalarType.Float32) - full).Abs().Max().Item();
        Assert.InRange(difference, 1e-6, 0.05 * full.Abs().Max().Item());
    }

    [Fact]
    public void NestedRegionsRestoreTheOuterState()
    {
        using var outer = torch.Autocast(DeviceType.CPU);
        using (torch.Autocast(DeviceType.CPU)) Assert.True(torch.IsAutocastEnabled(DeviceType.CPU));
        Assert.True(torch.IsAutocastEnabled(DeviceType.CPU));
        outer.Dispose();
        Assert.False(torch.IsAutocastEnabled(DeviceType.CPU));
    }

    [Fact]
    public void GradientsOfFloat32WeightsStayFloat32()
    {
        using var scope = torch.NewScope();
        var linear = new Linear(6, 3);
        var x = torch.Randn([4, 6], new Generator(2));
        Tensor logits;
        using (torch.Autocast(DeviceType.CPU)) logits = linear.Forward(x);
        F.CrossEntropy(logits.To(ScalarType.Float32), torch.FromArray(new long[] { 0, 1, 2, 0 }, 4)).Backward();
        Assert.Equal(ScalarType.Float32, linear.Weight.Grad!.Dtype);
        Assert.True(linear.Weight.Grad!.Abs().Sum().Item() > 0);
    }

    [Fact]
    public void AResNetStepInBFloat16PointsItsGradientsWhereFloat32Does()
    {
        // What training with autocast relies on: the same step in either precision moves every weight the same way,
        // up to bfloat16's rounding. PyTorch 1.13's own autocast gives cosines of 0.89–1.00 per parameter on such a step
        // of an untrained torchvision ResNet-18 (the first layers are the noisiest); Winnow 0.87–1.00.
        using var scope = torch.NewScope();
        torch.ManualSeed(3);
        var net = ResNet.ResNet18(4, 3);
        var x = torch.Randn([16, 3, 96, 96], new Generator(4));
        var y = torch.RandInt(0, 4, [16], new Generator(5));
        Tensor[] Gradients(bool autocast)
        {
            foreach (var p in net.Parameters()) p.ZeroGrad();
            Tensor logits;
            using (autocast ? torch.Autocast(DeviceType.CPU) : null) logits = net.Forward(x);
            F.CrossEntropy(logits.To(ScalarType.Float32), y).Backward();
            return net.Parameters().Select(p => p.Grad!.Flatten().Clone()).ToArray();
        }
        var full = Gradients(false);
        var half = Gradients(true);
        var cosines = full.Select((g, i) => (g * half[i]).Sum().Item() / (g.Norm().Item() * half[i].Norm().Item() + 1e-12)).ToArray();
        Assert.True(cosines.Min() > 0.8, $"cosines {string.Join(" ", cosines.Select(c => c.ToString("0.000")))}");
    }

    [Fact]
    public void ARegionSeesWeightsChangedSinceTheLastRegion()
    {
        // The low-precision copies of the weights are cached inside a region; if leaving it kept them, a training
        // step would convolve with weights from before the last optimiser update.
        using var scope = torch.NewScope();
        var linear = new Linear(4, 2);
        var x = torch.Ones([1, 4]);
        using (torch.Autocast(DeviceType.CPU)) linear.Forward(x);
        linear.Weight.CopyNoGrad(torch.ZerosLike(linear.Weight));
        linear.Bias!.CopyNoGrad(torch.ZerosLike(linear.Bias));
        using (torch.Autocast(DeviceType.CPU))
            Assert.Equal(new float[] { 0, 0 }, linear.Forward(x).To(ScalarType.Float32).ToArray<float>());
    }

    [Fact]
    public void Float16OnTheCpuIsRefusedWithAReason()
    {
        var error = Assert.Throws<TorchException>(() => torch.Autocast(DeviceType.CPU, ScalarType.Float16));
        Assert.Contains("bfloat16", error.Message);
        Assert.False(torch.IsAutocastEnabled(DeviceType.CPU));
    }
}
