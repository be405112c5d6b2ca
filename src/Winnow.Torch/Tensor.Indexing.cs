namespace Winnow.Torch;

// Python-style indexing: t[0, 1..3, TensorIndex.Ellipsis, TensorIndex.None, mask].
public sealed partial class Tensor
{
    /// <summary>Indexes like Python (views for integers and slices); assigning copies into the indexed part.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => Apply(indices);
        set
        {
            if (indices.Length == 1 && indices[0].What == TensorIndex.Kind.Tensor)
            {
                IndexPut_(indices[0].Tensor!, value);
                return;
            }
            using var view = Apply(indices);
            view.Copy_(value);
        }
    }

    private Tensor Apply(TensorIndex[] indices)
    {
        var result = Alias();
        long dim = 0;
        var consuming = indices.Count(i => i.ConsumesDimension);
        foreach (var index in indices)
        {
            var next = index.What switch
            {
                TensorIndex.Kind.Single => result.Select(dim, index.Value),
                TensorIndex.Kind.Slice => SliceOf(result, dim, index),
                TensorIndex.Kind.NewAxis => result.Unsqueeze(dim),
                TensorIndex.Kind.Tensor => TensorIndexOf(result, dim, index.Tensor!),
                _ => null,
            };
            if (index.What == TensorIndex.Kind.Ellipsis)
                dim = result.Dim - (consuming - dim);
            else if (index.What != TensorIndex.Kind.Single)
                dim += 1;
            if (next is null) continue;
            result.Dispose();
            result = next;
        }
        return result;
    }

    private static Tensor SliceOf(Tensor t, long dim, TensorIndex index)
    {
        var size = t.Size((int)dim);
        var start = TensorIndex.Resolve(index.Start, size, 0);
        var end = TensorIndex.Resolve(index.End, size, size);
        return t.Slice(dim, start, Math.Max(start, end), index.Step);
    }

    private static Tensor TensorIndexOf(Tensor t, long dim, Tensor index)
    {
        if (index.Dtype == ScalarType.Bool)
        {
            if (dim != 0) throw new ArgumentException("a boolean mask index must come first");
            return t.Index(index);
        }
        return t.IndexSelect(dim, index);
    }

    /// <summary>A new handle to the same tensor, so that indexing always returns a tensor the caller owns.</summary>
    internal Tensor Alias() => Dim > 0 ? Slice(0, 0, long.MaxValue) : Reshape(Shape);
}
