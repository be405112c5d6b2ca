namespace Winnow.Torch;

/// <summary>An error reported by libtorch or OpenCV (a shape mismatch, a bad file), with their message.</summary>
public sealed class TorchException(string message) : Exception(message);
