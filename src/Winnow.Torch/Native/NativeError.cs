using System.Runtime.InteropServices;

namespace Winnow.Torch.Native;

/// <summary>Turns the bridge's status codes into .NET exceptions carrying libtorch's own message.</summary>
internal static class NativeError
{
    public static void Check(int status)
    {
        if (status != 0)
            throw new TorchException(Marshal.PtrToStringUTF8(NativeMethods.wn_last_error()) ?? "unknown native error");
    }
}
