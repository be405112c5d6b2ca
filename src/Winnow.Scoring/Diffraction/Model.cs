using Winnow.Scoring.Common;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// The diffraction triage network: a torchvision ResNet (1 input channel) whose classifier <c>backbone.fc</c> is the
/// lattice head (blank, single, multi) and a second linear head <c>resolution</c> on the same pooled features that
/// regresses the resolution ring's radius as a fraction of the beam-centred square's half-width (see <see cref="Preprocess"/>).
/// Regressing a radius rather than Å keeps the task purely visual; the geometry turns it into Å afterwards.
/// </summary>
public sealed class DiffractionNet : Module<Tensor, (Tensor Logits, Tensor Radius)>
{
    /// <summary>Class names in logit order.</summary>
    public static readonly string[] Classes = ["blank", "single", "multi"];

    private readonly ResNet backbone;
    private readonly Linear resolution;

    /// <summary>
    /// Builds the named architecture (resnet18, resnet34, resnet50) with both heads, for input of
    /// <paramref name="channels"/> zoom levels (see <see cref="Preprocess"/>). With the "-s2d" suffix (e.g.
    /// resnet18-s2d) each 2 × 2 block of the pooled shot is folded into 4 channels before the ResNet (see
    /// <see cref="ResNet.SpaceToDepthSuffix"/>): the network runs at half the side, about a quarter of the work, yet its
    /// first convolution still sees every pooled pixel, so spots keep their positions.
    /// </summary>
    public DiffractionNet(string architecture = "resnet18", int channels = 1)
    {
        backbone = RegisterModule("backbone", ResNet.Create(architecture, Classes.Length, channels));
        resolution = RegisterModule("resolution", new Linear(backbone.FeatureCount, 1));
    }

    /// <summary>The element type the network computes in (float32 unless <see cref="ToPrecision"/> changed it).</summary>
    public ScalarType Precision { get; private set; } = ScalarType.Float32;

    /// <summary>
    /// Computes in <paramref name="type"/> from now on (inputs are cast on the way in, outputs come back float32).
    /// bfloat16 halves the network's time on CPUs with AVX-512 BF16 or AMX, for outputs within about 1 % of float32.
    /// </summary>
    public DiffractionNet ToPrecision(ScalarType type)
    {
        To(type);
        Precision = type;
        return this;
    }

    /// <summary>Class logits [N, 3] and radius fraction [N] for a batch [N, C, H, W].</summary>
    public override (Tensor Logits, Tensor Radius) Forward(Tensor x)
    {
        using var scope = torch.NewScope();
        var input = x.Dtype == Precision ? x : x.To(Precision);
        var features = backbone.ForwardFeatures(input);
        var logits = backbone.Fc.Forward(features).To(ScalarType.Float32);
        var radius = resolution.Forward(features).Flatten(0).To(ScalarType.Float32);
        return (logits.MoveToOuterDisposeScope(), radius.MoveToOuterDisposeScope());
    }

    /// <summary>Saves the weights with floating-point tensors stored as float16 (half the size; scores move by &lt; 1e-3).</summary>
    public void SaveHalf(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = torch.NewScope();
        var state = StateDict().Select(p => KeyValuePair.Create(p.Key, p.Value.Dtype == ScalarType.Float32 ? p.Value.To(ScalarType.Float16) : p.Value));
        SafeTensors.Save(path, state.ToList(), metadata);
    }

    /// <summary>
    /// The network a card describes (architecture and input channels) with the weights at <paramref name="weights"/>:
    /// the one place a card becomes a network, so scoring and evaluation cannot read the card differently.
    /// </summary>
    public static DiffractionNet FromCard(ModelCard card, string weights)
    {
        DiffractionNet model;
        using (Init.SkipForLoading()) model = new DiffractionNet(card.Architecture, card.Input.Channels); // Load is strict
        try
        {
            model.Load(weights);
            return model;
        }
        catch (ArgumentException e)
        {
            // A card that leaves out input.channels gets ModelCard's default (3, for RGB drops); name the card's fields
            // rather than only the tensor that did not fit.
            model.Dispose();
            throw new InvalidDataException(
                $"{weights}: the weights do not fit a {card.Architecture} with {card.Input.Channels} input channel(s), as the card's architecture and input.channels say ({e.Message})", e);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="FromCard"/> made ready for scoring: eval mode, BatchNorms folded into the convolutions
    /// (<see cref="ResNet.FoldBatchNorm"/>, about a third less time per shot) and channels-last. Not for training or saving.
    /// </summary>
    public static DiffractionNet ForInference(ModelCard card, string weights)
    {
        var model = FromCard(card, weights);
        model.Eval();
        model.backbone.FoldBatchNorm();
        model.ToChannelsLast();
        return model;
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
