namespace Winnow.Torch.nn;

/// <summary>
/// Base of every layer and model, as torch.nn.Module: named parameters, buffers and sub-modules,
/// train/eval mode, state dicts with PyTorch's names, and moving between devices.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = new();
    private readonly List<KeyValuePair<string, Tensor>> buffers = new();
    private readonly List<KeyValuePair<string, Module>> children = new();

    /// <summary>True in training mode (dropout active, batch statistics used and updated).</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Registers a learnable tensor; it leaves any dispose scope and requires grad.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        tensor.RequiresGrad = true;
        parameters.Add(new(name, tensor));
        return tensor;
    }

    /// <summary>Registers state that is saved but not learned (running statistics).</summary>
    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        buffers.Add(new(name, tensor));
        return tensor;
    }

    /// <summary>Registers a sub-module under <paramref name="name"/> (the prefix of its state-dict keys).</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        children.Add(new(name, module));
        return module;
    }

    /// <summary>Direct sub-modules with their names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => children;

    /// <summary>Every parameter with its dotted name, in PyTorch's order.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => Walk(m => m.parameters);

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Walk(m => m.buffers);

    /// <summary>Every parameter.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    private IEnumerable<KeyValuePair<string, Tensor>> Walk(Func<Module, List<KeyValuePair<string, Tensor>>> pick, string prefix = "")
    {
        foreach (var p in pick(this)) yield return new(prefix + p.Key, p.Value);
        foreach (var c in children)
            foreach (var p in c.Value.Walk(pick, prefix + c.Key + "."))
                yield return p;
    }

    /// <summary>Parameters and buffers by name, in the order torch's state_dict() gives them.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        Collect(state, "");
        return state;
    }

    private void Collect(Dictionary<string, Tensor> state, string prefix)
    {
        foreach (var p in parameters) state[prefix + p.Key] = p.Value;
        foreach (var b in buffers) state[prefix + b.Key] = b.Value;
        foreach (var c in children) c.Value.Collect(state, prefix + c.Key + ".");
    }

    /// <summary>Copies values in by name; with <paramref name="strict"/>, missing or unexpected keys and shape mismatches are errors.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ArgumentException("the state dict does not fit this model: " +
                    (missing.Count > 0 ? $"missing {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}. " : "") +
                    (unexpected.Count > 0 ? $"unexpected {string.Join(", ", unexpected.Take(5))}{(unexpected.Count > 5 ? $" and {unexpected.Count - 5} more" : "")}." : ""));
        }
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!target.Shape.SequenceEqual(source.Shape))
                throw new ArgumentException($"'{name}' has shape [{string.Join(", ", source.Shape)}] in the state dict but [{string.Join(", ", target.Shape)}] in the model");
            using var converted = source.To(target.Dtype, target.Device);
            target.CopyNoGrad(converted);
        }
    }

    /// <summary>Sets training mode on this module and every sub-module.</summary>
    public Module Train(bool on = true)
    {
        Training = on;
        foreach (var c in children) c.Value.Train(on);
        return this;
    }

    /// <summary>Sets evaluation mode (Train(false)).</summary>
    public Module Eval() => Train(false);

    /// <summary>Moves every parameter and buffer to <paramref name="device"/>, in place.</summary>
    public Module To(Device device)
    {
        foreach (var (_, p) in NamedParameters())
        {
            if (p.Device == device) continue;
            using var moved = p.Detach();
            p.SetData(moved.To(device));
            p.RequiresGrad = true;
        }
        foreach (var (_, b) in NamedBuffers())
            if (b.Device != device) b.SetData(b.To(device));
        return this;
    }

    /// <summary>
    /// Converts every floating-point parameter and buffer to <paramref name="type"/>, in place, keeping memory formats;
    /// integer buffers (BatchNorm's step counter) stay as they are, as in PyTorch's <c>model.to(dtype)</c>.
    /// </summary>
    public Module To(ScalarType type)
    {
        if (!type.IsFloatingPoint()) throw new ArgumentException($"a module converts to a floating-point type, not {type}");
        foreach (var (_, p) in NamedParameters())
        {
            if (p.Dtype == type || !p.Dtype.IsFloatingPoint()) continue;
            var requiresGrad = p.RequiresGrad;
            using var detached = p.Detach();
            p.SetData(detached.To(type));
            p.RequiresGrad = requiresGrad;
        }
        foreach (var (_, b) in NamedBuffers())
            if (b.Dtype != type && b.Dtype.IsFloatingPoint()) b.SetData(b.To(type));
        return this;
    }

    /// <summary>
    /// Stores every 4-d parameter and buffer channels-last (PyTorch's model.to(memory_format=torch.channels_last)). With
    /// channels-last input too, oneDNN convolves a ResNet-18 about a quarter faster on this CPU. Values, names and saved
    /// files are unchanged (tensors are copied out contiguous).
    /// </summary>
    public Module ToChannelsLast()
    {
        foreach (var (_, p) in NamedParameters())
        {
            if (p.Dim != 4) continue;
            var requiresGrad = p.RequiresGrad;
            using var detached = p.Detach();
            p.SetData(detached.ToChannelsLast());
            p.RequiresGrad = requiresGrad;
        }
        foreach (var (_, b) in NamedBuffers())
            if (b.Dim == 4) b.SetData(b.ToChannelsLast());
        return this;
    }

    /// <summary>Number of learnable values.</summary>
    public long ParameterCount() => Parameters().Sum(p => p.NumEl);

    /// <summary>Drops every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Frees every parameter and buffer.</summary>
    public void Dispose()
    {
        foreach (var p in parameters) p.Value.Dispose();
        foreach (var b in buffers) b.Value.Dispose();
        foreach (var c in children) c.Value.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A module with one input and one output, called like a function.</summary>
public abstract class Module<TInput, TResult> : Module
{
    /// <summary>The computation.</summary>
    public abstract TResult Forward(TInput input);

    /// <summary>Runs <see cref="Forward"/> (PyTorch's module(x)).</summary>
    public TResult call(TInput input) => Forward(input);
}
