using System.Runtime.InteropServices;

namespace Winnow.Torch.Native;

/// <summary>Owns one native at::Tensor*; a SafeHandle keeps it alive for the whole of a native call.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(pointer);

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.wn_tensor_free(handle);
        return true;
    }
}
