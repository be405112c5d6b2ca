using Winnow.Torch;
using Winnow.Torch.Jit;

namespace Winnow.Scoring.Common;

/// <summary>
/// Scores raster images with a lab's own TorchScript classifier (exported from PyTorch with torch.jit.trace or
/// script): its card gives input size, normalisation and class names; the output is logits [N, classes].
/// Preprocessing is the same as for native models, so the two are interchangeable.
/// </summary>
public sealed class TorchScriptClassifierScorer : RasterScorerBase
{
    private readonly ScriptModule module;

    /// <summary>Loads MODEL.pt and MODEL.card.json (or uses <paramref name="card"/>, already loaded or changed in memory).</summary>
    public TorchScriptClassifierScorer(string path, Device? device = null, int batchSize = 32, ModelCard? card = null)
        : base(card ?? ModelFiles.LoadCard(path), device ?? Device.CPU, batchSize) =>
        module = ScriptModule.Load(path, Device).Eval();

    /// <inheritdoc/>
    protected override Tensor Logits(Tensor normalised) => module.Forward(normalised);

    /// <inheritdoc/>
    protected override void DisposeNetwork() => module.Dispose();
}
