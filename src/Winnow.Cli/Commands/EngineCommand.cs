using System.CommandLine;
using Winnow.Torch;

namespace Winnow.Cli.Commands;

/// <summary>`winnow engine`: what the deep-learning engine underneath can do on this machine.</summary>
internal static class EngineCommand
{
    public static Command Build()
    {
        var command = new Command("engine", "Show the libtorch engine: version, threads, devices.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"libtorch   {torch.Version}");
            Console.WriteLine($"threads    {torch.GetNumThreads()}");
            Console.WriteLine($"cuda       {(torch.CudaIsAvailable() ? $"yes ({torch.CudaDeviceCount()} devices)" : "no")}");
            Console.WriteLine($"opencv     {Winnow.Torch.Vision.Cv.Version}");
            return 0;
        });
        return command;
    }
}
