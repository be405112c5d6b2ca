namespace Winnow.Torch;

/// <summary>Where a tensor lives: the CPU or one CUDA device.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    /// <summary>The CPU.</summary>
    public static readonly Device CPU = new(DeviceType.CPU);

    /// <summary>The first CUDA device.</summary>
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses "cpu", "cuda" or "cuda:N", as PyTorch's torch.device does.</summary>
    public static Device Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return CPU;
        if (t == "cuda") return CUDA;
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], out var index) && index >= 0)
            return new Device(DeviceType.CUDA, index);
        throw new ArgumentException($"unknown device '{text}': use cpu, cuda or cuda:N");
    }

    /// <inheritdoc/>
    public override string ToString() => Type == DeviceType.CPU ? "cpu" : $"cuda:{Index}";
}

/// <summary>Kinds of device, numbered as the bridge expects.</summary>
public enum DeviceType
{
    /// <summary>The CPU.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,
}
