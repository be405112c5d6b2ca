using Winnow.Torch.nn;
using Winnow.Torch.optim;

namespace Winnow.Torch.Tests;

public class ModuleTests
{
    [Fact]
    public void ResNetParameterNamesAreTorchvisions()
    {
        using var model = ResNet.ResNet18(numClasses: 10, inChannels: 1);
        var state = model.StateDict();
        Assert.Equal(new long[] { 64, 1, 7, 7 }, state["conv1.weight"].Shape);
        Assert.Contains("layer2.0.downsample.0.weight", state.Keys);
        Assert.Contains("layer2.0.downsample.1.running_var", state.Keys);
        Assert.Contains("layer4.1.bn2.num_batches_tracked", state.Keys);
        Assert.Equal(new long[] { 10, 512 }, state["fc.weight"].Shape);
        Assert.Equal(122, state.Count); // torchvision resnet18: 62 parameters + 60 buffers
        Assert.Equal(11_175_370, model.ParameterCount()); // torchvision resnet18(num_classes=10) with a 1-channel conv1

        using var r50 = ResNet.ResNet50(numClasses: 1000);
        Assert.Equal(25_557_032, r50.ParameterCount()); // torchvision resnet50's published count
        Assert.Contains("layer1.0.conv3.weight", r50.StateDict().Keys);
    }

    [Fact]
    public void ResNetRunsForwardAndBackwardOnAnyChannelCount()
    {
        using var scope = torch.NewScope();
        using var model = ResNet.ResNet34(numClasses: 3, inChannels: 2);
        var x = torch.Randn([2, 2, 64, 64]);
        var logits = model.Forward(x);
        Assert.Equal(new long[] { 2, 3 }, logits.Shape);
        logits.Sum().Backward();
        Assert.NotNull(model.Fc.Weight.Grad);
    }

    [Fact]
    public void EvalModeUsesRunningStatisticsAndTrainModeUpdatesThem()
    {
        using var scope = torch.NewScope();
        using var bn = new BatchNorm2d(2);
        var x = torch.Randn([4, 2, 3, 3]) * 3 + 5;
        bn.Forward(x);
        Assert.Equal(1, bn.NumBatchesTracked.ItemLong());
        Assert.True(bn.RunningMean.Mean().Item() > 0.3); // moved 10 % of the way towards 5
        bn.Eval();
        var before = bn.RunningMean.Clone();
        bn.Forward(x);
        Assert.True(before.AllClose(bn.RunningMean));
        Assert.Equal(1, bn.NumBatchesTracked.ItemLong());
    }

    [Fact]
    public void LoadStateDictRejectsMissingKeysAndWrongShapes()
    {
        using var a = new Linear(3, 2);
        using var b = new Linear(3, 4);
        Assert.Throws<ArgumentException>(() => a.LoadStateDict(b.StateDict()));
        var partial = new Dictionary<string, Tensor> { ["weight"] = a.Weight };
        var e = Assert.Throws<ArgumentException>(() => a.LoadStateDict(partial));
        Assert.Contains("missing bias", e.Message);
        using var c = new Linear(3, 2);
        c.LoadStateDict(a.StateDict());
        Assert.True(c.Weight.AllClose(a.Weight));
    }

    [Fact]
    public void LayersHaveTheShapesPyTorchGives()
    {
        using var scope = torch.NewScope();
        var x = torch.Randn([2, 8, 16, 16]);
        Assert.Equal(new long[] { 2, 8, 8, 8 }, new MaxPool2d(2).Forward(x).Shape);
        Assert.Equal(new long[] { 2, 8, 8, 8 }, new AvgPool2d(2).Forward(x).Shape);
        Assert.Equal(new long[] { 2, 8, 1, 1 }, new AdaptiveAvgPool2d(1, 1).Forward(x).Shape);
        var gn = new GroupNorm(4, 8).Forward(x);
        Assert.Equal(0, gn.Mean().Item(), 4);
        var ln = new LayerNorm(16).Forward(x);
        Assert.Equal(1, ln.Std(unbiased: false).Item(), 2);
        var seq = new Sequential(new Conv2d(8, 4, 3, padding: 1), new GELU(), new Dropout(0.5), new SiLU(), new ReLU(), new Flatten());
        Assert.Equal(new long[] { 2, 4 * 16 * 16 }, seq.Forward(x).Shape);
        Assert.Contains("0.weight", seq.StateDict().Keys);
        var list = new ModuleList<Linear>(new Linear(2, 2), new Linear(2, 2));
        Assert.Contains("1.bias", list.StateDict().Keys);
    }

    [Fact]
    public void DropoutIsOffInEvalMode()
    {
        using var scope = torch.NewScope();
        var d = new Dropout(0.5);
        var x = torch.Ones(1000);
        Assert.True(d.Forward(x).Eq(0).Sum().Item() > 300);
        d.Eval();
        Assert.Equal(1000, d.Forward(x).Sum().Item());
    }

    [Fact]
    public void MultiheadAttentionHasPyTorchNamesAndShapes()
    {
        using var scope = torch.NewScope();
        using var mha = new MultiheadAttention(16, 4, batchFirst: true);
        var keys = mha.StateDict().Keys.ToArray();
        Assert.Equal(new[] { "in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" }, keys);
        var q = torch.Randn([2, 5, 16]);
        var (output, weights) = mha.Forward(q, q, q);
        Assert.Equal(new long[] { 2, 5, 16 }, output.Shape);
        Assert.Equal(new long[] { 2, 5, 5 }, weights.Shape);
        Assert.True(weights.Sum(-1).AllClose(torch.Ones(2, 5), 1e-4, 1e-5));
        var mask = torch.FromArray(new bool[] { false, false, false, true, true, false, false, false, false, false }, 2, 5);
        var (_, masked) = mha.Forward(q, q, q, mask);
        Assert.Equal(0, masked[0, .., 3..].Abs().Sum().Item());
    }

    [Fact]
    public void LossesAndFunctionsMatchTheirDefinitions()
    {
        using var scope = torch.NewScope();
        var logits = torch.FromArray(new float[] { 2, 0, 0, 0, 2, 0 }, 2, 3);
        var target = torch.FromArray(new long[] { 0, 1 });
        var expected = -Math.Log(Math.Exp(2) / (Math.Exp(2) + 2));
        Assert.Equal(expected, F.CrossEntropy(logits, target).Item(), 5);
        var weighted = F.CrossEntropy(logits, target, weight: torch.FromArray(new float[] { 1, 3, 1 }));
        Assert.Equal(expected, weighted.Item(), 5);
        Assert.True(F.CrossEntropy(logits, target, labelSmoothing: 0.2).Item() > expected);
        var x = torch.FromArray(new float[] { 0, 2 });
        var y = torch.FromArray(new float[] { 1, 0 });
        Assert.Equal((Math.Log(2) + Math.Log(1 + Math.Exp(2))) / 2, F.BinaryCrossEntropyWithLogits(x, y).Item(), 5);
        Assert.Equal(2.5, F.MseLoss(x, y).Item(), 5);
        Assert.Equal(1.5, F.L1Loss(x, y).Item(), 5);
        Assert.Equal((0.5 + 1.5) / 2, F.SmoothL1Loss(x, y).Item(), 5);
        Assert.Equal(1, F.Softmax(logits, 1).Sum(1)[0].Item(), 5);
        Assert.Equal(new long[] { 2, 3 }, F.OneHot(torch.FromArray(new long[] { 0, 2 }), 3).Shape);
        var img = torch.Randn([1, 1, 4, 4]);
        Assert.Equal(new long[] { 1, 1, 8, 8 }, F.Interpolate(img, 8, 8, InterpolateMode.Bilinear).Shape);
        Assert.Equal(new long[] { 1, 1, 6, 8 }, F.Pad(img, [2, 2, 1, 1], PaddingMode.Reflect).Shape);
    }

    [Fact]
    public void SgdWithMomentumDescends()
    {
        using var scope = torch.NewScope();
        var w = torch.FromArray(new float[] { 5 }).RequiresGrad_().DetachFromDisposeScope();
        using var sgd = new SGD([w], lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4);
        for (var i = 0; i < 100; i++)
        {
            using var s = torch.NewScope();
            sgd.ZeroGrad();
            (w * w).Sum().Backward();
            sgd.Step();
        }
        Assert.InRange(w.Item(), -0.05, 0.05);
        var norm = GradClip.ClipGradNorm([w], 1e-6);
        Assert.True(norm >= 0);
    }

    [Fact]
    public void SchedulesFollowTheirShapes()
    {
        var cosine = new CosineWithWarmup(1.0, 10, 110);
        Assert.Equal(0.1, cosine.At(0), 6);
        Assert.Equal(1.0, cosine.At(10), 6);
        Assert.Equal(0.5, cosine.At(60), 6);
        Assert.Equal(0.0, cosine.At(110), 6);
        var cycle = new OneCycle(1.0, 100);
        Assert.Equal(0.04, cycle.At(0), 6);
        Assert.True(cycle.At(29) > 0.99);
        Assert.True(cycle.At(99) < 1e-5);
    }

    [Fact]
    public void ChannelsLastRestridesEvenOneChannelTensorsAndLeavesValuesAndOutputsAlone()
    {
        torch.ManualSeed(3);
        using var x = torch.Randn([2, 1, 8, 8]);
        Assert.Equal(new long[] { 64, 64, 8, 1 }, x.Strides);
        using var packed = x.ToChannelsLast();
        Assert.Equal(new long[] { 64, 1, 8, 1 }, packed.Strides); // what PyTorch's contiguous(channels_last) gives
        Assert.Equal(x.ToArray<float>(), packed.ToArray<float>());
        using var rgb = torch.Randn([2, 3, 4, 5]).ToChannelsLast();
        Assert.Equal(new long[] { 60, 1, 15, 3 }, rgb.Strides);

        using var model = ResNet.ResNet18(numClasses: 3, inChannels: 1);
        model.Eval();
        using var input = torch.Randn([2, 1, 64, 64]);
        float[] before, after;
        using (torch.NoGrad())
        using (var y = model.Forward(input)) before = y.ToArray<float>();
        model.ToChannelsLast();
        Assert.Equal(1, model.StateDict()["conv1.weight"].Strides[1]);
        using var inputPacked = input.ToChannelsLast();
        using (torch.NoGrad())
        using (var y = model.Forward(inputPacked)) after = y.ToArray<float>();
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i], 4);
    }

    [Fact]
    public void ToBFloat16ConvertsFloatingTensorsOnlyKeepsChannelsLastAndStaysCloseToFloat32()
    {
        torch.ManualSeed(5);
        using var model = ResNet.ResNet18(numClasses: 3, inChannels: 1);
        model.Eval().ToChannelsLast();
        using var input = torch.Randn([2, 1, 64, 64]).ToChannelsLast();
        float[] full, half;
        using (torch.NoGrad())
        using (var y = model.Forward(input)) full = y.ToArray<float>();
        model.To(ScalarType.BFloat16);
        var state = model.StateDict();
        Assert.Equal(ScalarType.BFloat16, state["conv1.weight"].Dtype);
        Assert.Equal(ScalarType.BFloat16, state["bn1.running_var"].Dtype);
        Assert.Equal(ScalarType.Int64, state["bn1.num_batches_tracked"].Dtype);
        Assert.Equal(1, state["conv1.weight"].Strides[1]);
        using (torch.NoGrad())
        using (var inputHalf = input.To(ScalarType.BFloat16))
        using (var y = model.Forward(inputHalf))
        using (var y32 = y.To(ScalarType.Float32))
            half = y32.ToArray<float>();
        double scale = full.Max(Math.Abs);
        for (int i = 0; i < full.Length; i++) Assert.True(Math.Abs(full[i] - half[i]) < 0.05 * scale, $"logit {i}: {full[i]} vs {half[i]}");
        Assert.Throws<ArgumentException>(() => model.To(ScalarType.Int32));
    }

    [Fact]
    public void FoldingBatchNormKeepsOutputsAndRefusesTrainingAndRefolding()
    {
        torch.ManualSeed(11);
        using var model = ResNet.ResNet18(numClasses: 3, inChannels: 1);
        using var input = torch.Randn([4, 1, 64, 64]);
        using (var warm = model.Forward(input)) { } // training mode: running statistics move away from 0 and 1
        Assert.Throws<InvalidOperationException>(() => model.FoldBatchNorm()); // still in training mode
        model.Eval();
        float[] before, after;
        using (torch.NoGrad())
        using (var y = model.Forward(input)) before = y.ToArray<float>();
        model.FoldBatchNorm();
        var state = model.StateDict();
        Assert.Contains("conv1.bias", state.Keys);
        Assert.Contains("layer2.0.downsample.0.bias", state.Keys);
        using (torch.NoGrad())
        using (var y = model.Forward(input)) after = y.ToArray<float>();
        double scale = before.Max(Math.Abs);
        for (int i = 0; i < before.Length; i++) Assert.True(Math.Abs(before[i] - after[i]) < 1e-4 * scale, $"logit {i}: {before[i]} vs {after[i]}");
        Assert.Throws<InvalidOperationException>(() => model.FoldBatchNorm()); // already folded
        model.Train();
        Assert.Throws<InvalidOperationException>(() => model.Forward(input));
    }

    [Fact]
    public void SkippingInitialisationForLoadingGivesTheLoadedNetworkAndEndsWithItsScope()
    {
        torch.ManualSeed(3);
        using var source = ResNet.ResNet18(numClasses: 3, inChannels: 1);
        source.Eval();
        ResNet loaded;
        using (Init.SkipForLoading())
        {
            Assert.True(Init.Skipping);
            loaded = ResNet.ResNet18(numClasses: 3, inChannels: 1);
        }
        Assert.False(Init.Skipping);
        using (loaded)
        {
            loaded.LoadStateDict(source.StateDict());
            loaded.Eval();
            using var input = torch.Randn([2, 1, 48, 48]);
            using var noGrad = torch.NoGrad();
            using var a = source.Forward(input);
            using var b = loaded.Forward(input);
            Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        }
        // Outside the scope the initialisers draw again (two fresh layers differ).
        using var first = new Linear(8, 8);
        using var second = new Linear(8, 8);
        Assert.NotEqual(first.Weight.ToArray<float>(), second.Weight.ToArray<float>());
    }

    [Fact]
    public void FreedTensorMemoryStaysInTheProcessUnlessOptedOut()
    {
        // The allocator settings that keep large activations from page-faulting in on every pass took effect (the test
        // process does not set WINNOW_MALLOC_RETURN_MEMORY).
        Assert.Null(Environment.GetEnvironmentVariable("WINNOW_MALLOC_RETURN_MEMORY"));
        Assert.True(torch.KeepsFreedMemory);
    }
}
