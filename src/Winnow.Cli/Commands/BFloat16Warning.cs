using Winnow.Torch;

namespace Winnow.Cli.Commands;

/// <summary>The one place the commands print <see cref="CpuBFloat16"/>'s warning, on standard error so --json output stays clean.</summary>
internal static class BFloat16Warning
{
    /// <summary>Warns before <paramref name="what"/> runs in <paramref name="precision"/> when that is bfloat16 and this CPU emulates it.</summary>
    public static void BeforeRun(ScalarType precision, string what, bool training = false)
    {
        if (precision == ScalarType.BFloat16 && CpuBFloat16.EmulationWarning(what, training) is { } warning) Console.Error.WriteLine(warning);
    }
}
