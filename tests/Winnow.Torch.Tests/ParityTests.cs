using Winnow.Torch.Jit;
using Winnow.Torch.nn;
using Winnow.Torch.optim;
using Winnow.Torch.Serialization;

namespace Winnow.Torch.Tests;

/// <summary>Winnow against PyTorch (Debian's python3-torch): same weights and inputs, same numbers.</summary>
public class ParityTests
{
    private static double MaxAbsDifference(Tensor a, Tensor b)
    {
        using var d = (a - b).Abs().Max();
        return d.Item();
    }

    [Theory]
    [InlineData(3, 1000, false, "resnet18")]
    [InlineData(1, 3, false, "resnet18")]
    [InlineData(3, 1000, true, "resnet18")]
    [InlineData(1, 3, true, "resnet18")]
    [InlineData(3, 4, false, "resnet18-s2d")]
    [InlineData(3, 4, true, "resnet18-s2d")]
    [InlineData(1, 3, true, "resnet18-s2d")]
    public void ResNet18WeightsFromPyTorchGiveTheSameLogits(int inChannels, int classes, bool foldedChannelsLast, string architecture)
    {
        // The scorers fold BatchNorm into the convolutions and run channels-last: that network must still give PyTorch's
        // logits (eval mode, unfolded). resnet18-s2d is PyTorch's nn.Sequential(nn.PixelUnshuffle(2), resnet18(...)).
        var dir = PythonReference.TempDir();
        var spaceToDepth = architecture.EndsWith(ResNet.SpaceToDepthSuffix, StringComparison.Ordinal);
        PythonReference.Run("resnet_parity.py", dir, inChannels.ToString(), classes.ToString(), spaceToDepth ? "s2d" : "plain");
        var (weights, _) = SafeTensors.Load(Path.Combine(dir, "weights.safetensors"));
        var (io, _) = SafeTensors.Load(Path.Combine(dir, "io.safetensors"));
        using var model = ResNet.Create(architecture, classes, inChannels);
        Assert.Equal(inChannels * (spaceToDepth ? 4 : 1), weights["conv1.weight"].Shape[1]);
        model.LoadStateDict(weights);
        model.Eval();
        if (foldedChannelsLast) model.FoldBatchNorm().ToChannelsLast();
        using var noGrad = torch.NoGrad();
        using var input = foldedChannelsLast ? io["input"].ToChannelsLast() : io["input"].Alias();
        using var logits = model.Forward(input);
        Assert.True(MaxAbsDifference(logits, io["logits"]) < 1e-4, $"max |Δlogit| = {MaxAbsDifference(logits, io["logits"])}");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void PixelUnshuffleMatchesPyTorch()
    {
        var dir = PythonReference.TempDir();
        PythonReference.Run("pixel_unshuffle.py", dir);
        var (io, _) = SafeTensors.Load(Path.Combine(dir, "io.safetensors"));
        using var by2 = F.PixelUnshuffle(io["input"], 2);
        using var by4 = F.PixelUnshuffle(io["input"], 4);
        Assert.Equal(new long[] { 2, 12, 4, 6 }, by2.Shape);
        Assert.Equal(io["by2"].ToArray<float>(), by2.Contiguous().ToArray<float>());
        Assert.Equal(io["by4"].ToArray<float>(), by4.Contiguous().ToArray<float>());
        Assert.Throws<ArgumentException>(() => F.PixelUnshuffle(io["input"], 5));
        Directory.Delete(dir, true);
    }

    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv;
        private readonly BatchNorm2d bn;
        private readonly Linear fc;

        public Net()
        {
            conv = RegisterModule("conv", new Conv2d(3, 8, 3, padding: 1));
            bn = RegisterModule("bn", new BatchNorm2d(8));
            fc = RegisterModule("fc", new Linear(8, 4));
        }

        public override Tensor Forward(Tensor x) =>
            fc.Forward(F.AdaptiveAvgPool2d(bn.Forward(conv.Forward(x)).Relu(), 1, 1).Flatten(1));
    }

    [Fact]
    public void AdamWStepsGiveTheSameWeightsAsPyTorch()
    {
        var dir = PythonReference.TempDir();
        PythonReference.Run("adamw_parity.py", dir);
        var (before, _) = SafeTensors.Load(Path.Combine(dir, "before.safetensors"));
        var (batch, _) = SafeTensors.Load(Path.Combine(dir, "batch.safetensors"));
        var (after, _) = SafeTensors.Load(Path.Combine(dir, "after.safetensors"));
        using var net = new Net();
        net.LoadStateDict(before);
        using var optimizer = new AdamW(net.Parameters(), lr: 0.01, weightDecay: 0.05);
        for (var i = 0; i < 3; i++)
        {
            using var scope = torch.NewScope();
            optimizer.ZeroGrad();
            F.CrossEntropy(net.Forward(batch["x"]), batch["y"], labelSmoothing: 0.1).Backward();
            optimizer.Step();
        }
        foreach (var (name, value) in net.StateDict())
            Assert.True(MaxAbsDifference(value.To(after[name].Dtype), after[name]) < 1e-4, $"{name} differs from PyTorch by {MaxAbsDifference(value.To(after[name].Dtype), after[name])}");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TorchScriptModuleFromPyTorchGivesTheSameOutputs()
    {
        var dir = PythonReference.TempDir();
        PythonReference.Run("torchscript_export.py", dir);
        var (io, _) = SafeTensors.Load(Path.Combine(dir, "io.safetensors"));
        using var module = ScriptModule.Load(Path.Combine(dir, "small.pt")).Eval();
        var outputs = module.ForwardAll(io["input"]);
        Assert.Equal(2, outputs.Length);
        Assert.True(MaxAbsDifference(outputs[0], io["logits"]) < 1e-5);
        Assert.True(MaxAbsDifference(outputs[1], io["probs"]) < 1e-5);
        Assert.Throws<InvalidOperationException>(() => module.Forward(io["input"]));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ACorruptTorchScriptFileIsAClearError()
    {
        var path = Path.Combine(PythonReference.TempDir(), "broken.pt");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        var e = Assert.Throws<InvalidDataException>(() => ScriptModule.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Throws<FileNotFoundException>(() => ScriptModule.Load(path + ".missing"));
    }
}
