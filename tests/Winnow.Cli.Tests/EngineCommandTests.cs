using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class EngineCommandTests
{
    [Fact]
    public void ReportsTheLibtorchAndOpenCvVersions()
    {
        var (code, output, _) = ProcessRunner.Winnow("engine");
        Assert.Equal(0, code);
        Assert.Contains("libtorch   1.13", output);
        Assert.Contains("opencv     4.", output);
    }

    [Fact]
    public void SaysWhetherThisCpuHasBFloat16InstructionsAsCpuBFloat16Reads()
    {
        var (code, output, _) = ProcessRunner.Winnow("engine");
        Assert.Equal(0, code);
        var expected = Winnow.Torch.CpuBFloat16.IsNative switch { true => "native", false => "emulated", null => "unknown" };
        Assert.Contains($"bfloat16   {expected}", output);
    }

    [Fact]
    public void AnUnknownCommandIsAnErrorNotACrash()
    {
        var (code, output, error) = ProcessRunner.Winnow("no-such-command");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("   at ", output + error); // no stack trace
    }
}
