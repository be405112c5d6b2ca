namespace Winnow.Torch;

/// <summary>
/// Whether this CPU has bfloat16 instructions. Where it has none, libtorch's CPU kernels emulate bfloat16 and autocast
/// turns a speed-up into a slow-down: on an AVX2-only AMD EPYC (2026-12-07, two threads, batch 8 at 384²) a ResNet-18
/// training step ran at 0.09 images/s in bfloat16 against 1.75 in float32 in Winnow (bench/drops-training), 0.12 against
/// 1.64 in PyTorch 1.13. With AVX-512 BF16 the same step was 1.75x faster in bfloat16. The emulated step is also
/// coarser: PyTorch's own gradients of an untrained ResNet-18 there have cosines with float32's down to 0.28 per
/// parameter (0.89 with AVX-512 BF16); a forward pass stays within about 1 % in probability. So the commands that take
/// --precision warn before they start such a run.
/// </summary>
public static class CpuBFloat16
{
    private static readonly Lazy<bool?> Native = new(() => File.Exists("/proc/cpuinfo") ? FromCpuInfo(File.ReadAllText("/proc/cpuinfo")) : null);

    /// <summary>True when the CPU computes bfloat16 in hardware, false when libtorch must emulate it, null when this system does not say.</summary>
    public static bool? IsNative => Native.Value;

    /// <summary>
    /// Reads /proc/cpuinfo's text: x86 lists AVX-512 BF16 and AMX as "avx512_bf16" and "amx_bf16" in "flags", Arm lists
    /// "bf16" in "Features". Null when neither line is there (another architecture, or a container hiding them).
    /// </summary>
    public static bool? FromCpuInfo(string cpuinfo)
    {
        bool? native = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            if (key != "flags" && key != "Features") continue;
            var flags = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var has = key == "flags" ? flags.Contains("avx512_bf16") || flags.Contains("amx_bf16") : flags.Contains("bf16");
            // Every core must have it: a thread on one without would run at the emulated speed and hold the others back.
            native = (native ?? true) && has;
        }
        return native;
    }

    /// <summary>The warning to print before <paramref name="what"/> runs in bfloat16 on this CPU (<paramref name="training"/>: with a backward pass), or null when there is nothing to warn of.</summary>
    public static string? EmulationWarning(string what, bool training = false) => IsNative == false ? WarningFor(what, training) : null;

    internal static string WarningFor(string what, bool training) =>
        $"warning: {what} in bfloat16, but this CPU has no bfloat16 instructions (no avx512_bf16 or amx_bf16 in /proc/cpuinfo), " +
        "so libtorch emulates them: on such a CPU a ResNet-18 training step ran about 19x slower than in float32" +
        (training ? ", with gradients far coarser than on a CPU that has them" : "") + ". Use float32 here.";
}
