namespace Winnow.Torch.Tests;

public class CpuBFloat16Tests
{
    private const string Avx2Core = "processor\t: {0}\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse sse2 avx avx2 fma bmi2\n\n";
    private const string Bf16Core = "processor\t: {0}\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n\n";

    [Fact]
    public void AnAvx2OnlyCpuEmulatesBFloat16()
    {
        Assert.False(CpuBFloat16.FromCpuInfo(string.Format(Avx2Core, 0) + string.Format(Avx2Core, 1)));
    }

    [Fact]
    public void Avx512Bf16OrAmxIsNative()
    {
        Assert.True(CpuBFloat16.FromCpuInfo(string.Format(Bf16Core, 0) + string.Format(Bf16Core, 1)));
        Assert.True(CpuBFloat16.FromCpuInfo("processor\t: 0\nflags\t\t: avx2 amx_bf16 amx_tile\n"));
    }

    [Fact]
    public void ArmSaysBf16InItsFeaturesLine()
    {
        Assert.True(CpuBFloat16.FromCpuInfo("processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\n"));
        Assert.False(CpuBFloat16.FromCpuInfo("processor\t: 0\nFeatures\t: fp asimd evtstrm crc32\n"));
    }

    [Fact]
    public void OneCoreWithoutItMeansEmulatedAndNoFlagsMeansUnknown()
    {
        Assert.False(CpuBFloat16.FromCpuInfo(string.Format(Bf16Core, 0) + string.Format(Avx2Core, 1)));
        Assert.Null(CpuBFloat16.FromCpuInfo("processor\t: 0\nmodel name\t: something\n"));
        // A flag that merely contains the name is not the flag.
        Assert.False(CpuBFloat16.FromCpuInfo("flags\t\t: avx512_bf16x\n"));
    }

    [Fact]
    public void TheWarningNamesWhatRunsAndWhatToDo()
    {
        var warning = CpuBFloat16.WarningFor("training runs its forward pass", training: true);
        Assert.StartsWith("warning: training runs its forward pass in bfloat16, but this CPU has no bfloat16 instructions", warning);
        Assert.EndsWith("19x slower than in float32, with gradients far coarser than on a CPU that has them. Use float32 here.", warning);
        Assert.EndsWith("19x slower than in float32. Use float32 here.", CpuBFloat16.WarningFor("the network scores", training: false));
        Assert.Equal(CpuBFloat16.IsNative == false ? CpuBFloat16.WarningFor("x", false) : null, CpuBFloat16.EmulationWarning("x"));
    }
}
