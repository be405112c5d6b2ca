using System.CommandLine;
using Winnow.Torch;

namespace Winnow.Cli.Commands;

/// <summary>`winnow engine`: what the deep-learning engine underneath can do on this machine.</summary>
internal static class EngineCommand
{
    public static Command Build()
    {
        var command = new Command("engine", "Show the libtorch engine: version, threads, devices, and whether this CPU computes bfloat16 in hardware.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"libtorch   {torch.Version}");
            Console.WriteLine($"threads    {torch.GetNumThreads()}");
            Console.WriteLine($"cuda       {(torch.CudaIsAvailable() ? $"yes ({torch.CudaDeviceCount()} devices)" : "no")}");
            Console.WriteLine($"opencv     {Winnow.Torch.Vision.Cv.Version}");
            // Scripts read this line (scripts/reproduce-drops-model.sh, bench/drops-training) so the rule for "has
            // bfloat16 instructions" lives in CpuBFloat16 alone, Arm and every-core checks included.
            Console.WriteLine($"bfloat16   {BFloat16Line(CpuBFloat16.IsNative)}");
            return 0;
        });
        return command;
    }

    /// <summary>"native", "emulated" (libtorch computes it in float32 kernels, far slower) or "unknown" (the system does not say).</summary>
    internal static string BFloat16Line(bool? native) => native switch
    {
        true => "native",
        false => "emulated (no bfloat16 instructions: use float32)",
        null => "unknown (/proc/cpuinfo lists no CPU flags)",
    };
}
