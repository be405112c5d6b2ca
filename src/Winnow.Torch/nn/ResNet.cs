namespace Winnow.Torch.nn;

/// <summary>
/// torchvision's ResNet-18/34/50, with torchvision's parameter names (conv1, bn1, layer1.0.conv1, …,
/// layerN.0.downsample.0/1, fc), so a state dict saved from PyTorch loads as it is. Any number of input
/// channels and outputs. With the "-s2d" suffix (e.g. resnet18-s2d) each 2 × 2 block of the input is first folded
/// into 4 channels, as <c>nn.Sequential(nn.PixelUnshuffle(2), resnet18(in_channels=4·C))</c> in PyTorch: every layer
/// after the stem runs at half the side, about a third of the work at 384², yet the first convolution still sees
/// every pixel, so a crystal a few pixels across is not averaged away before the network looks at it.
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly long spaceToDepth;

    /// <summary>The architecture-name suffix that folds 2 × 2 pixels into channels before the stem.</summary>
    public const string SpaceToDepthSuffix = "-s2d";

    /// <summary>The classifier head.</summary>
    public Linear Fc { get; }

    /// <summary>Width of the pooled feature vector fed to <see cref="Fc"/> (512 or 2048).</summary>
    public long FeatureCount { get; }

    /// <summary>ResNet-18: basic blocks [2, 2, 2, 2]; <paramref name="spaceToDepth"/> 2 folds 2 × 2 pixels into channels first.</summary>
    public static ResNet ResNet18(long numClasses = 1000, long inChannels = 3, long spaceToDepth = 1) => new(false, [2, 2, 2, 2], numClasses, inChannels, spaceToDepth);

    /// <summary>ResNet-34: basic blocks [3, 4, 6, 3].</summary>
    public static ResNet ResNet34(long numClasses = 1000, long inChannels = 3, long spaceToDepth = 1) => new(false, [3, 4, 6, 3], numClasses, inChannels, spaceToDepth);

    /// <summary>ResNet-50: bottleneck blocks [3, 4, 6, 3].</summary>
    public static ResNet ResNet50(long numClasses = 1000, long inChannels = 3, long spaceToDepth = 1) => new(true, [3, 4, 6, 3], numClasses, inChannels, spaceToDepth);

    /// <summary>
    /// Builds the named architecture ("resnet18", "resnet34", "resnet50", each optionally with
    /// <see cref="SpaceToDepthSuffix"/>) for input of <paramref name="inChannels"/> channels.
    /// </summary>
    public static ResNet Create(string architecture, long numClasses, long inChannels)
    {
        var name = architecture.ToLowerInvariant();
        var fold = name.EndsWith(SpaceToDepthSuffix, StringComparison.Ordinal) ? 2 : 1;
        if (fold > 1) name = name[..^SpaceToDepthSuffix.Length];
        return name switch
        {
            "resnet18" => ResNet18(numClasses, inChannels, fold),
            "resnet34" => ResNet34(numClasses, inChannels, fold),
            "resnet50" => ResNet50(numClasses, inChannels, fold),
            _ => throw new ArgumentException($"unknown architecture '{architecture}': use resnet18, resnet34 or resnet50, optionally with {SpaceToDepthSuffix}"),
        };
    }

    private ResNet(bool bottleneck, int[] blocks, long numClasses, long inChannels, long spaceToDepth)
    {
        var expansion = bottleneck ? 4 : 1;
        long inplanes = 64;
        this.spaceToDepth = spaceToDepth;
        conv1 = RegisterModule("conv1", new Conv2d(inChannels * spaceToDepth * spaceToDepth, 64, 7, stride: 2, padding: 3, bias: false));
        bn1 = RegisterModule("bn1", new BatchNorm2d(64));
        Sequential MakeLayer(long planes, int count, long stride)
        {
            var layer = new Sequential();
            for (var i = 0; i < count; i++)
            {
                var s = i == 0 ? stride : 1;
                Sequential? downsample = null;
                if (i == 0 && (stride != 1 || inplanes != planes * expansion))
                    downsample = new Sequential(new Conv2d(inplanes, planes * expansion, 1, stride: s, bias: false), new BatchNorm2d(planes * expansion));
                layer.Append(bottleneck ? new Bottleneck(inplanes, planes, s, downsample) : new BasicBlock(inplanes, planes, s, downsample));
                inplanes = planes * expansion;
            }
            return layer;
        }
        layer1 = RegisterModule("layer1", MakeLayer(64, blocks[0], 1));
        layer2 = RegisterModule("layer2", MakeLayer(128, blocks[1], 2));
        layer3 = RegisterModule("layer3", MakeLayer(256, blocks[2], 2));
        layer4 = RegisterModule("layer4", MakeLayer(512, blocks[3], 2));
        FeatureCount = 512 * expansion;
        Fc = RegisterModule("fc", new Linear(FeatureCount, numClasses));
        InitialiseAsTorchvision();
    }

    // torchvision: kaiming_normal_(fan_out, relu) for every convolution; BatchNorm γ=1, β=0 (already so).
    private void InitialiseAsTorchvision()
    {
        if (Init.Skipping) return;
        using var scope = torch.NewScope();
        foreach (var (name, p) in NamedParameters())
            if (p.Dim == 4 && name.EndsWith("weight", StringComparison.Ordinal))
                p.CopyNoGrad(Init.KaimingNormalFanOut(p.Shape));
    }

    /// <summary>
    /// For inference: folds every BatchNorm into the convolution before it (<see cref="Conv2d.FoldBatchNorm"/>), as
    /// <c>torch.fx.experimental.optimization.fuse</c> does in PyTorch. Outputs stay the same up to float rounding; a
    /// ResNet-18 on one CPU core runs about a third faster. Call it in eval mode, after loading the weights and before
    /// changing precision or memory format; the network cannot be trained or saved afterwards.
    /// </summary>
    public ResNet FoldBatchNorm()
    {
        if (Training) throw new InvalidOperationException("ResNet.FoldBatchNorm: call Eval() first; folding is for inference");
        conv1.FoldBatchNorm(bn1);
        foreach (var layer in new[] { layer1, layer2, layer3, layer4 })
            for (int i = 0; i < layer.Count; i++)
                ((IFoldsBatchNorm)layer[i]).FoldBatchNorm();
        return this;
    }

    /// <summary>The pooled features [N, FeatureCount] before the classifier.</summary>
    public Tensor ForwardFeatures(Tensor x)
    {
        using var scope = torch.NewScope();
        // Channels-last after the fold, as the unfolded input arrives: oneDNN's convolutions are fastest that way.
        var input = spaceToDepth > 1 ? F.PixelUnshuffle(x, spaceToDepth).ToChannelsLast() : x;
        var y = F.MaxPool2d(bn1.Forward(conv1.Forward(input)).Relu_(), 3, 2, 1);
        y = layer4.Forward(layer3.Forward(layer2.Forward(layer1.Forward(y))));
        var features = F.AdaptiveAvgPool2d(y, 1, 1).Flatten(1);
        return features.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x)
    {
        using var features = ForwardFeatures(x);
        return Fc.Forward(features);
    }
}

/// <summary>A residual block that can fold its BatchNorms into its convolutions (see <see cref="ResNet.FoldBatchNorm"/>).</summary>
internal interface IFoldsBatchNorm
{
    void FoldBatchNorm();
}

/// <summary>torchvision's BasicBlock: two 3×3 convolutions and a shortcut.</summary>
internal sealed class BasicBlock : Module<Tensor, Tensor>, IFoldsBatchNorm
{
    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inplanes, long planes, long stride, Sequential? downsample)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inplanes, planes, 3, stride: stride, padding: 1, bias: false));
        bn1 = RegisterModule("bn1", new BatchNorm2d(planes));
        conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false));
        bn2 = RegisterModule("bn2", new BatchNorm2d(planes));
        if (downsample is not null) this.downsample = RegisterModule("downsample", downsample);
    }

    /// <inheritdoc/>
    public void FoldBatchNorm()
    {
        conv1.FoldBatchNorm(bn1);
        conv2.FoldBatchNorm(bn2);
        FoldShortcut(downsample);
    }

    /// <summary>Folds a shortcut's BatchNorm (downsample.1) into its 1×1 convolution (downsample.0).</summary>
    internal static void FoldShortcut(Sequential? downsample)
    {
        if (downsample is not null) ((Conv2d)downsample[0]).FoldBatchNorm((BatchNorm2d)downsample[1]);
    }

    public override Tensor Forward(Tensor x)
    {
        using var scope = torch.NewScope();
        var y = bn2.Forward(conv2.Forward(bn1.Forward(conv1.Forward(x)).Relu_()));
        var identity = downsample is null ? x : downsample.Forward(x);
        // In place, as torchvision: out += identity; relu(out, inplace=True).
        return y.Add_(identity).Relu_().MoveToOuterDisposeScope();
    }
}

/// <summary>torchvision's Bottleneck (ResNet v1.5: the stride sits on the 3×3 convolution).</summary>
internal sealed class Bottleneck : Module<Tensor, Tensor>, IFoldsBatchNorm
{
    private readonly Conv2d conv1, conv2, conv3;
    private readonly BatchNorm2d bn1, bn2, bn3;
    private readonly Sequential? downsample;

    public Bottleneck(long inplanes, long planes, long stride, Sequential? downsample)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inplanes, planes, 1, bias: false));
        bn1 = RegisterModule("bn1", new BatchNorm2d(planes));
        conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false));
        bn2 = RegisterModule("bn2", new BatchNorm2d(planes));
        conv3 = RegisterModule("conv3", new Conv2d(planes, planes * 4, 1, bias: false));
        bn3 = RegisterModule("bn3", new BatchNorm2d(planes * 4));
        if (downsample is not null) this.downsample = RegisterModule("downsample", downsample);
    }

    /// <inheritdoc/>
    public void FoldBatchNorm()
    {
        conv1.FoldBatchNorm(bn1);
        conv2.FoldBatchNorm(bn2);
        conv3.FoldBatchNorm(bn3);
        BasicBlock.FoldShortcut(downsample);
    }

    public override Tensor Forward(Tensor x)
    {
        using var scope = torch.NewScope();
        var y = bn1.Forward(conv1.Forward(x)).Relu_();
        y = bn2.Forward(conv2.Forward(y)).Relu_();
        y = bn3.Forward(conv3.Forward(y));
        var identity = downsample is null ? x : downsample.Forward(x);
        // In place, as torchvision: out += identity; relu(out, inplace=True).
        return y.Add_(identity).Relu_().MoveToOuterDisposeScope();
    }
}
