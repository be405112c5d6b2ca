using Winnow.Torch.Native;

namespace Winnow.Torch.Jit;

/// <summary>A TorchScript module exported from PyTorch (torch.jit.save), loaded and run through libtorch.</summary>
public sealed class ScriptModule : IDisposable
{
    private IntPtr pointer;

    private ScriptModule(IntPtr pointer, string path) => (this.pointer, Path) = (pointer, path);

    /// <summary>The file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>Loads a TorchScript file onto a device; a missing or malformed file gives an exception naming it.</summary>
    public static ScriptModule Load(string path, Device? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such TorchScript file", path);
        var d = device ?? Device.CPU;
        var status = NativeMethods.wn_jit_load(path, (int)d.Type, d.Index, out var p);
        if (status != 0)
        {
            try { NativeError.Check(status); }
            catch (TorchException e) { throw new InvalidDataException($"{path}: not a loadable TorchScript module: {FirstLine(e.Message)}"); }
        }
        return new ScriptModule(p, path);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private IntPtr Pointer => pointer != IntPtr.Zero ? pointer : throw new ObjectDisposedException(nameof(ScriptModule));

    /// <summary>Evaluation mode (dropout off, batch-norm running statistics).</summary>
    public ScriptModule Eval()
    {
        NativeError.Check(NativeMethods.wn_jit_train(Pointer, 0));
        return this;
    }

    /// <summary>Runs forward and returns every tensor it produced (one, or each element of a tuple).</summary>
    public Tensor[] ForwardAll(params Tensor[] inputs)
    {
        var outputs = new IntPtr[16];
        var status = NativeMethods.wn_jit_forward(Pointer, inputs.Select(t => t.Pointer).ToArray(), inputs.Length, outputs, outputs.Length, out var count);
        GC.KeepAlive(inputs);
        NativeError.Check(status);
        return outputs.Take(count).Select(p => new Tensor(p)).ToArray();
    }

    /// <summary>Runs forward on one input and returns its single tensor output.</summary>
    public Tensor Forward(Tensor input)
    {
        var outputs = ForwardAll(input);
        if (outputs.Length != 1)
        {
            foreach (var o in outputs) o.Dispose();
            throw new InvalidOperationException($"{Path}: forward returned {outputs.Length} tensors; use ForwardAll");
        }
        return outputs[0];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (pointer != IntPtr.Zero) NativeMethods.wn_jit_free(pointer);
        pointer = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native module if Dispose was forgotten.</summary>
    ~ScriptModule() => Dispose();
}
