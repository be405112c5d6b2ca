using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class ScoreDiffractionCommandTests
{
    [Fact]
    public void JsonLinesWithTheShippedModelAndABadFileNamedWithNonZeroExit()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("empty.cbf");
        File.WriteAllText(bad, "");
        var real = SharedData.Path("diffraction/thau_3_2_0004.cbf");
        var (code, output, error) = ProcessRunner.Winnow("score", "diffraction", "--json", real, bad);
        Assert.Equal(1, code);
        Assert.Contains("empty.cbf", error);
        Assert.DoesNotContain("   at ", error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var o = JsonNode.Parse(line)!.AsObject();
        Assert.Equal(["file", "class", "probabilities", "resolution_A", "model"], o.Select(p => p.Key).ToArray());
        Assert.Equal(real, o["file"]!.GetValue<string>());
        // A strong crystal shot (DIALS: 1140 spots, d_min 1.70 Å): not blank, with a resolution in Å.
        Assert.NotEqual("blank", o["class"]!.GetValue<string>());
        Assert.InRange(o["resolution_A"]!.GetValue<double>(), 1.0, 3.0);
    }

    [Fact]
    public void MissingModelIsOneClearSentence()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = ProcessRunner.Winnow("score", "diffraction", "--model", dir.File("none.safetensors"), SharedData.Path("diffraction/thau_3_2_0004.cbf"));
        Assert.Equal(2, code);
        Assert.Contains("none.safetensors", error);
        Assert.DoesNotContain("   at ", error);
    }
}
