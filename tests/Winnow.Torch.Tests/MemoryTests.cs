using System.Diagnostics;
using Xunit.Abstractions;
using Winnow.Torch.nn;
using Winnow.Torch.optim;

namespace Winnow.Torch.Tests;

/// <summary>Runs alone: other tests allocating in the same process would blur the resident-memory reading.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

[Collection(nameof(MemoryCollection))]
public class MemoryTests(ITestOutputHelper output)
{
    private sealed class SmallCnn : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1, conv2;
        private readonly BatchNorm2d bn;
        private readonly Linear fc;

        public SmallCnn()
        {
            conv1 = RegisterModule("conv1", new Conv2d(1, 8, 3, padding: 1));
            bn = RegisterModule("bn", new BatchNorm2d(8));
            conv2 = RegisterModule("conv2", new Conv2d(8, 16, 3, stride: 2, padding: 1));
            fc = RegisterModule("fc", new Linear(16, 3));
        }

        public override Tensor Forward(Tensor x)
        {
            var h = bn.Forward(conv1.Forward(x)).Relu();
            h = conv2.Forward(h).Relu();
            return fc.Forward(F.AdaptiveAvgPool2d(h, 1, 1).Flatten(1));
        }
    }

    private static long ResidentBytes()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void TwoThousandTrainingStepsKeepResidentMemoryFlat()
    {
        torch.ManualSeed(1);
        using var model = new SmallCnn();
        using var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        using var x = torch.Randn([16, 1, 24, 24]).DetachFromDisposeScope();
        using var y = torch.RandInt(0, 3, [16]).DetachFromDisposeScope();
        double firstLoss = 0, lastLoss = 0;
        void Step(int i)
        {
            using var scope = torch.NewScope();
            optimizer.ZeroGrad();
            var loss = F.CrossEntropy(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            if (i == 0) firstLoss = loss.Item();
            lastLoss = loss.Item();
        }
        for (var i = 0; i < 200; i++) Step(i); // warm-up: allocator pools and optimiser state settle
        GC.Collect();
        var before = ResidentBytes();
        for (var i = 200; i < 2200; i++) Step(i);
        GC.Collect();
        var growth = ResidentBytes() - before;
        output.WriteLine($"resident memory growth over 2,000 steps after warm-up: {growth / 1048576.0:F1} MB; loss {firstLoss:F3} -> {lastLoss:F3}");
        Assert.True(growth < 50L * 1024 * 1024, $"resident memory grew by {growth / 1048576.0:F1} MB over 2,000 steps");
        Assert.True(lastLoss < firstLoss, $"loss did not fall ({firstLoss} -> {lastLoss})");
    }
}
