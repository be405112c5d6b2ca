namespace Winnow.Torch.nn;

/// <summary>torch.nn.Sequential: runs its modules in order; they are named "0", "1", … as in PyTorch.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = new();

    /// <summary>A sequence of the given modules.</summary>
    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    /// <summary>Adds a module at the end.</summary>
    public Sequential Append(Module<Tensor, Tensor> module)
    {
        RegisterModule(layers.Count.ToString(), module);
        layers.Add(module);
        return this;
    }

    /// <summary>Number of modules.</summary>
    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x)
    {
        // Intermediates are freed as soon as the next layer has consumed them; the input stays the caller's.
        var current = x;
        foreach (var layer in layers)
        {
            var next = layer.Forward(current);
            if (!ReferenceEquals(current, x)) current.Dispose();
            current = next;
        }
        return ReferenceEquals(current, x) ? x.Alias() : current;
    }
}

/// <summary>torch.nn.ModuleList: holds modules under "0", "1", … without defining a forward.</summary>
public sealed class ModuleList<T> : Module where T : Module
{
    private readonly List<T> items = new();

    /// <summary>A list of the given modules.</summary>
    public ModuleList(params T[] modules)
    {
        foreach (var m in modules) Add(m);
    }

    /// <summary>Adds a module.</summary>
    public void Add(T module)
    {
        RegisterModule(items.Count.ToString(), module);
        items.Add(module);
    }

    /// <summary>Number of modules.</summary>
    public int Count => items.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public T this[int index] => items[index];

    /// <summary>The modules in order.</summary>
    public IEnumerable<T> Items => items;
}
