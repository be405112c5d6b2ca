using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class InspectCommandTests
{
    private static JsonObject[] JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    [Fact]
    public void JsonUsesTheKeysOfReferenceJsonForEachKindOfFile()
    {
        var files = new[] { "mrc/EMD-3197.map", "diffraction/thau_3_2_0004.cbf", "star/relion31.star" };
        var (code, output, error) = ProcessRunner.Winnow(["inspect", "--json", .. files.Select(SharedData.Path)]);
        Assert.True(code == 0, error);
        var objects = JsonLines(output);
        Assert.Equal(3, objects.Length);
        var reference = SharedData.Reference;
        Assert.Equal(reference["mrc/EMD-3197.map"]!["nx"]!.GetValue<long>(), objects[0]["nx"]!.GetValue<long>());
        Assert.Equal(reference["diffraction/thau_3_2_0004.cbf"]!["count_minus1"]!.GetValue<long>(), objects[1]["count_minus1"]!.GetValue<long>());
        Assert.Equal(reference["diffraction/thau_3_2_0004.cbf"]!["wavelength_A"]!.GetValue<double>(), objects[1]["wavelength_A"]!.GetValue<double>(), 6);
        Assert.NotNull(objects[2]["blocks"]);
    }

    [Fact]
    public void ABadFileIsNamedAndTheOthersGoOn()
    {
        using var dir = new TempDirectory();
        var truncated = dir.File("truncated.mrc");
        File.WriteAllBytes(truncated, File.ReadAllBytes(SharedData.Path("mrc/EMD-3197.map")).Take(500).ToArray());
        var good = SharedData.Path("star/one_loop.star");
        var (code, output, error) = ProcessRunner.Winnow("inspect", "--json", truncated, good, dir.File("missing.cbf"));
        Assert.NotEqual(0, code);
        Assert.Contains("truncated.mrc", error);
        Assert.Contains("missing.cbf", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Single(JsonLines(output));
    }
}
