namespace Winnow.Torch.nn;

/// <summary>
/// torch.nn.MultiheadAttention with PyTorch's parameter names (in_proj_weight, in_proj_bias,
/// out_proj.weight, out_proj.bias), so weights trained in PyTorch load as they are.
/// </summary>
public sealed class MultiheadAttention : Module
{
    private readonly long embedDim, heads;
    private readonly double dropout;
    private readonly bool batchFirst;

    /// <summary>Query, key and value projections stacked: [3E, E].</summary>
    public Tensor InProjWeight { get; }
    /// <summary>Their biases: [3E].</summary>
    public Tensor InProjBias { get; }
    /// <summary>The output projection.</summary>
    public Linear OutProj { get; }

    /// <summary>Attention with <paramref name="numHeads"/> heads over <paramref name="embedDim"/> features.</summary>
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool batchFirst = false)
    {
        if (embedDim % numHeads != 0) throw new ArgumentException($"embed_dim {embedDim} must be divisible by num_heads {numHeads}");
        (this.embedDim, heads, this.dropout, this.batchFirst) = (embedDim, numHeads, dropout, batchFirst);
        // PyTorch: xavier_uniform_ for in_proj_weight, zeros for both biases.
        InProjWeight = RegisterParameter("in_proj_weight", Init.Uniform([3 * embedDim, embedDim], Math.Sqrt(6.0 / (4 * embedDim))));
        InProjBias = RegisterParameter("in_proj_bias", torch.Zeros(3 * embedDim));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim));
        OutProj.Bias!.CopyNoGrad(torch.Zeros(embedDim));
    }

    /// <summary>
    /// Attends <paramref name="query"/> to <paramref name="key"/>/<paramref name="value"/>; returns the output and
    /// the attention weights averaged over heads. <paramref name="keyPaddingMask"/> [N, S] is true where keys are padding.
    /// </summary>
    public (Tensor Output, Tensor Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null)
    {
        using var scope = torch.NewScope();
        // Work batch-first: [N, L, E].
        var q = batchFirst ? query : query.Transpose(0, 1);
        var k = batchFirst ? key : key.Transpose(0, 1);
        var v = batchFirst ? value : value.Transpose(0, 1);
        long n = q.Size(0), l = q.Size(1), s = k.Size(1), hd = embedDim / heads;

        var qp = F.Linear(q, InProjWeight.Slice(0, 0, embedDim), InProjBias.Slice(0, 0, embedDim));
        var kp = F.Linear(k, InProjWeight.Slice(0, embedDim, 2 * embedDim), InProjBias.Slice(0, embedDim, 2 * embedDim));
        var vp = F.Linear(v, InProjWeight.Slice(0, 2 * embedDim, 3 * embedDim), InProjBias.Slice(0, 2 * embedDim, 3 * embedDim));

        var qh = qp.Reshape(n, l, heads, hd).Transpose(1, 2);
        var kh = kp.Reshape(n, s, heads, hd).Transpose(1, 2);
        var vh = vp.Reshape(n, s, heads, hd).Transpose(1, 2);

        var scores = qh.MatMul(kh.Transpose(-2, -1)) / Math.Sqrt(hd);
        if (keyPaddingMask is not null)
            scores = scores.MaskedFill(keyPaddingMask.Reshape(n, 1, 1, s), double.NegativeInfinity);
        var attention = F.Softmax(scores, -1);
        var dropped = F.Dropout(attention, dropout, Training && dropout > 0);
        var context = dropped.MatMul(vh).Transpose(1, 2).Reshape(n, l, embedDim);
        var output = OutProj.Forward(context);
        if (!batchFirst) output = output.Transpose(0, 1);
        var weights = attention.Mean(1);
        return (output.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }
}
