namespace Winnow.Torch;

/// <summary>
/// Frees every tensor created on this thread while it is the innermost scope, when it is disposed.
/// The GC does not see native memory, so training loops free their intermediates this way.
/// Scopes are per thread: never await inside one.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> owned = new();
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>How many tensors this scope will free.</summary>
    public int Count => owned.Count;

    internal void Attach(Tensor tensor) => owned.Add(tensor);

    internal void Forget(Tensor tensor)
    {
        // Tensors leave a scope rarely (results, parameters), so a linear search from the end is enough.
        var index = owned.LastIndexOf(tensor);
        if (index >= 0) owned.RemoveAt(index);
    }

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to nobody) so it outlives this one.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        Forget(tensor);
        outer?.Attach(tensor);
        tensor.Scope = outer;
        return tensor;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in owned)
        {
            tensor.Scope = null;
            tensor.Dispose();
        }
        owned.Clear();
        if (current == this) current = outer;
    }
}
