using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// The diffraction triage network: a torchvision ResNet (1 input channel) whose classifier <c>backbone.fc</c> is the
/// lattice head (blank, single, multi) and a second linear head <c>resolution</c> that regresses the resolution ring's
/// radius as a fraction of the beam-centred square's half-width (see <see cref="Preprocess"/>).
/// Regressing a radius rather than Å keeps the task purely visual; the geometry turns it into Å afterwards.
/// The resolution head reads either the globally pooled features (architecture "resnet18") or, with the suffix
/// "+grid4", the last feature map averaged to a 4×4 grid: globally pooled features say what the shot holds but hardly
/// where, and the resolution is a question of where on the detector the spots stop.
/// </summary>
public sealed class DiffractionNet : Module<Tensor, (Tensor Logits, Tensor Radius)>
{
    /// <summary>Class names in logit order.</summary>
    public static readonly string[] Classes = ["blank", "single", "multi"];

    /// <summary>Suffix of an architecture whose resolution head reads a 4×4 grid of the feature map.</summary>
    public const string GridHead = "+grid4";
    private const int Grid = 4;

    private readonly ResNet backbone;
    private readonly Linear resolution;
    private readonly bool gridHead;

    /// <summary>Builds the named architecture (resnet18, resnet34 or resnet50, optionally + <see cref="GridHead"/>) with both heads.</summary>
    public DiffractionNet(string architecture = "resnet18")
    {
        gridHead = architecture.EndsWith(GridHead, StringComparison.OrdinalIgnoreCase);
        var backboneName = gridHead ? architecture[..^GridHead.Length] : architecture;
        backbone = RegisterModule("backbone", ResNet.Create(backboneName, Classes.Length, 1));
        resolution = RegisterModule("resolution", new Linear(backbone.FeatureCount * (gridHead ? Grid * Grid : 1), 1));
    }

    /// <summary>Class logits [N, 3] and radius fraction [N] for a batch [N, 1, H, W] (at least 128² for the grid head).</summary>
    public override (Tensor Logits, Tensor Radius) Forward(Tensor x)
    {
        using var scope = torch.NewScope();
        var map = backbone.ForwardMap(x);
        var features = F.AdaptiveAvgPool2d(map, 1, 1).Flatten(1);
        var logits = backbone.Fc.Forward(features);
        var radius = resolution.Forward(gridHead ? F.AdaptiveAvgPool2d(map, Grid, Grid).Flatten(1) : features);
        return (logits.MoveToOuterDisposeScope(), radius.Flatten(0).MoveToOuterDisposeScope());
    }

    /// <summary>Saves the weights with floating-point tensors stored as float16 (half the size; scores move by &lt; 1e-3).</summary>
    public void SaveHalf(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = torch.NewScope();
        var state = StateDict().Select(p => KeyValuePair.Create(p.Key, p.Value.Dtype == ScalarType.Float32 ? p.Value.To(ScalarType.Float16) : p.Value));
        SafeTensors.Save(path, state.ToList(), metadata);
    }

    /// <summary>Loads weights saved by <see cref="SaveHalf"/> (or in float32), back to float32.</summary>
    public void Load(string path)
    {
        var (state, _) = SafeTensors.Load(path);
        try
        {
            using var scope = torch.NewScope();
            var full = state.ToDictionary(p => p.Key, p => p.Value.Dtype == ScalarType.Float16 ? p.Value.To(ScalarType.Float32) : p.Value);
            LoadStateDict(full);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }
}
