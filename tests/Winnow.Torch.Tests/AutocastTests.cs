using Winnow.Torch.Serialization;
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
    public void AResNetStepInBFloat16GivesPyTorchsGradients()
    {
        // What training with autocast relies on: Winnow's step under autocast is PyTorch's. How close a bfloat16 step
        // comes to float32 is the CPU's affair, not Winnow's: with AVX-512 BF16, PyTorch 1.13's own cosines per parameter
        // of an untrained ResNet-18's step are 0.89–1.00; on an AVX2-only EPYC, which emulates bfloat16, 0.28–1.00
        // (the first layers are the noisiest). So the test compares each precision with PyTorch's, on whatever CPU it runs.
        var dir = PythonReference.TempDir();
        PythonReference.Run("autocast_gradients.py", dir, torch.GetNumThreads().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (weights, _) = SafeTensors.Load(Path.Combine(dir, "weights.safetensors"));
        var (reference, _) = SafeTensors.Load(Path.Combine(dir, "gradients.safetensors"));
        using var scope = torch.NewScope();
        var net = ResNet.ResNet18(4, 3);
        net.LoadStateDict(weights);
        Dictionary<string, Tensor> Gradients(bool autocast)
        {
            foreach (var p in net.Parameters()) p.ZeroGrad();
            Tensor logits;
            using (autocast ? torch.Autocast(DeviceType.CPU) : null) logits = net.Forward(reference["input"]);
            F.CrossEntropy(logits.To(ScalarType.Float32), reference["target"]).Backward();
            return net.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Grad!.Clone());
        }
        static double Cosine(Tensor a, Tensor b) => (a.Flatten() * b.Flatten()).Sum().Item() / (a.Norm().Item() * b.Norm().Item() + 1e-12);
        foreach (var (precision, autocast) in new[] { ("float32", false), ("bfloat16", true) })
        {
            var ours = Gradients(autocast);
            var cosines = ours.Select(g => (g.Key, Cosine(g.Value, reference[$"{precision}.{g.Key}"]))).ToList();
            Assert.Equal(62, cosines.Count);
            var worst = cosines.MinBy(c => c.Item2);
            Assert.True(worst.Item2 > (autocast ? 0.99 : 0.99999), $"{precision}: {worst.Key}'s gradient has cosine {worst.Item2:0.00000} with PyTorch's");
        }
        Directory.Delete(dir, true);
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
