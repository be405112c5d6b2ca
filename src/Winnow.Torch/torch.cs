using System.Text;
using Winnow.Torch.Native;

namespace Winnow.Torch;

/// <summary>
/// PyTorch's torch namespace: settings, scopes, and functions that make or join tensors. Lower-case as in
/// PyTorch (and TorchSharp), which also keeps it from clashing with the Winnow.Torch namespace in Winnow's own code.
/// </summary>
#pragma warning disable CS8981 // a lower-case type name, on purpose
public static partial class torch
#pragma warning restore CS8981
{
    /// <summary>The libtorch version the bridge was built against.</summary>
    public static string Version => ReadString(NativeMethods.wn_version);

    /// <summary>Seeds libtorch's global generators (CPU and CUDA), as torch.manual_seed.</summary>
    public static void ManualSeed(long seed) => NativeError.Check(NativeMethods.wn_manual_seed(seed));

    /// <summary>Sets the intra-op thread count; call before the first parallel operation.</summary>
    public static void SetNumThreads(int threads)
    {
        if (threads < 1) throw new ArgumentException($"thread count must be at least 1, not {threads}");
        NativeError.Check(NativeMethods.wn_set_num_threads(threads));
    }

    /// <summary>The intra-op thread count.</summary>
    public static int GetNumThreads()
    {
        NativeError.Check(NativeMethods.wn_get_num_threads(out var n));
        return n;
    }

    /// <summary>
    /// True when freed tensor memory stays in this process for reuse (set as the native library loads; see
    /// native/src/memory.cpp): large activations then cost no page faults on each forward pass, for a resident size that
    /// stays at its peak. False when WINNOW_MALLOC_RETURN_MEMORY=1.
    /// </summary>
    public static bool KeepsFreedMemory => NativeMethods.wn_keeps_freed_memory() == 1;

    /// <summary>True when this libtorch was built with CUDA and a GPU is present.</summary>
    public static bool CudaIsAvailable() => CudaDeviceCount() > 0;

    /// <summary>Number of usable CUDA devices.</summary>
    public static int CudaDeviceCount()
    {
        NativeError.Check(NativeMethods.wn_cuda_device_count(out var n));
        return n;
    }

    /// <summary>Waits for queued CUDA work (a no-op on the CPU); benchmarks need it.</summary>
    public static void CudaSynchronize() => NativeError.Check(NativeMethods.wn_cuda_synchronize());

    /// <summary>Starts a scope that frees every tensor created on this thread until it is disposed.</summary>
    public static DisposeScope NewScope() => new();

    /// <summary>Turns autograd recording off on this thread until disposed (torch.no_grad()).</summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Turns autograd recording on on this thread until disposed (torch.enable_grad()).</summary>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// Runs convolutions and matrix products on this thread in <paramref name="dtype"/> until disposed
    /// (torch.autocast); weights and their gradients stay float32. The CPU supports bfloat16 only.
    /// </summary>
    public static AutocastScope Autocast(DeviceType device, ScalarType dtype = ScalarType.BFloat16) => new(device, dtype);

    /// <summary>True inside an <see cref="Autocast"/> region for <paramref name="device"/> on this thread.</summary>
    public static bool IsAutocastEnabled(DeviceType device)
    {
        NativeError.Check(NativeMethods.wn_autocast_is_enabled((int)device, out var enabled));
        return enabled == 1;
    }

    internal static string ReadString(Func<byte[], int, int> call)
    {
        var buffer = new byte[256];
        NativeError.Check(call(buffer, buffer.Length));
        return Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
    }
}

/// <summary>Restores the previous grad mode of this thread when disposed.</summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly int previous;

    internal GradModeScope(bool enabled) => NativeError.Check(NativeMethods.wn_set_grad_enabled(enabled ? 1 : 0, out previous));

    /// <inheritdoc/>
    public void Dispose() => NativeError.Check(NativeMethods.wn_set_grad_enabled(previous, out _));
}

/// <summary>Restores this thread's previous autocast state when disposed; the outermost exit drops the cached low-precision weights.</summary>
public sealed class AutocastScope : IDisposable
{
    private readonly DeviceType device;
    private readonly int previousEnabled;
    private readonly int previousDtype;
    private bool disposed;

    internal AutocastScope(DeviceType device, ScalarType dtype)
    {
        this.device = device;
        NativeError.Check(NativeMethods.wn_autocast_enter((int)device, (int)dtype, out previousEnabled, out previousDtype));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeError.Check(NativeMethods.wn_autocast_exit((int)device, previousEnabled, previousDtype));
    }
}
