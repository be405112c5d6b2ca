using Winnow.Torch.Native;

namespace Winnow.Torch;

/// <summary>A seeded CPU random generator of its own, so a draw is reproducible without the global seed.</summary>
public sealed class Generator : IDisposable
{
    private IntPtr pointer;

    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public Generator(long seed) => NativeError.Check(NativeMethods.wn_generator_new(seed, out pointer));

    internal IntPtr Pointer => pointer != IntPtr.Zero ? pointer : throw new ObjectDisposedException(nameof(Generator));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (pointer != IntPtr.Zero) NativeMethods.wn_generator_free(pointer);
        pointer = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native generator if Dispose was forgotten.</summary>
    ~Generator() => Dispose();
}
