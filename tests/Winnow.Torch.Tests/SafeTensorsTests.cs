using System.Text;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;

namespace Winnow.Torch.Tests;

public class SafeTensorsTests
{
    [Fact]
    public void RoundTripsAModelAndMetadata()
    {
        var path = Path.Combine(PythonReference.TempDir(), "m.safetensors");
        using var model = ResNet.ResNet18(5, 1);
        SafeTensors.Save(path, model, new Dictionary<string, string> { ["arch"] = "resnet18" });
        var (tensors, metadata) = SafeTensors.Load(path);
        Assert.Equal("resnet18", metadata["arch"]);
        using var copy = ResNet.ResNet18(5, 1);
        copy.LoadStateDict(tensors);
        foreach (var (name, value) in model.StateDict())
            Assert.True(value.AllClose(copy.StateDict()[name], 0, 0), name);
        Assert.Equal(ScalarType.Int64, tensors["bn1.num_batches_tracked"].Dtype);
    }

    [Fact]
    public void PyTorchReadsWhatWinnowWrites()
    {
        var dir = PythonReference.TempDir();
        var path = Path.Combine(dir, "w.safetensors");
        using var t = torch.Arange(0, 6, 1, ScalarType.Float32).Reshape(2, 3);
        using var h = torch.FromArray(new Half[] { (Half)1.5 });
        SafeTensors.Save(path, [new("a", t), new("h", h)]);
        File.WriteAllText(Path.Combine(dir, "check.py"),
            "import sys; sys.path.insert(0, sys.argv[1]); from safetensors_io import load\n" +
            "d = load(sys.argv[2]); assert d['a'].tolist() == [[0,1,2],[3,4,5]], d; assert d['h'].item() == 1.5\n");
        var info = new System.Diagnostics.ProcessStartInfo(PythonReference.Interpreter) { RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(dir, "check.py"));
        info.ArgumentList.Add(PythonReference.ScriptDirectory);
        info.ArgumentList.Add(path);
        using var p = System.Diagnostics.Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "shorter than")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x10, 0x7b }, "header claims")]
    public void MalformedFilesAreClearErrors(byte[] content, string expected)
    {
        var path = Path.Combine(PythonReference.TempDir(), "bad.safetensors");
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OffsetsThatDoNotFitTheShapeAreRejected()
    {
        var header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000],\"data_offsets\":[0,4000000]}}");
        var bytes = BitConverter.GetBytes((ulong)header.Length).Concat(header).Concat(new byte[16]).ToArray();
        var path = Path.Combine(PythonReference.TempDir(), "lying.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("'w'", e.Message);
    }
}
