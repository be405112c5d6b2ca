using System.Text.Json.Nodes;
using Winnow.Formats.Inspection;

namespace Winnow.Formats.Tests;

/// <summary>Every file in ../shared/data agrees with what mrcfile, gemmi, dxtbx and Pillow report for it.</summary>
public class ConformanceTests
{
    // Keys reference.json records that are not about the file's content (provenance) or come from other programs (DIALS, dxtbx class names).
    private static readonly HashSet<string> NotCompared = ["source", "license", "content", "label", "format", "dials_per_image"];

    public static TheoryData<string> Files() => new(FormatData.FormatFiles());

    [Fact]
    public void EveryFileOnDiskHasAReferenceEntry()
    {
        var missing = FormatData.FilesOnDisk().Where(f => !SharedData.Reference.ContainsKey(f)).ToList();
        Assert.Empty(missing);
        Assert.True(FormatData.FormatFiles().Count() >= 92, "expected the 7 MRC, 14 STAR, 10 diffraction, 4 atlas and 57 drop files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesReference(string file)
    {
        var expected = SharedData.Reference[file]!.AsObject();
        var actual = Inspector.Inspect(SharedData.Path(file));
        int compared = 0;
        foreach (var (key, value) in expected)
        {
            if (NotCompared.Contains(key)) continue;
            Assert.True(actual.ContainsKey(key), $"{file}: inspect has no key '{key}'");
            AssertSame(value, actual[key], $"{file}:{key}");
            compared++;
        }
        Assert.True(compared >= 1, $"{file}: nothing compared");
    }

    private static double Num(JsonNode n) => double.Parse(n.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    internal static void AssertSame(JsonNode? expected, JsonNode? actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case JsonObject eo:
                var ao = Assert.IsType<JsonObject>(actual);
                foreach (var (k, v) in eo)
                {
                    Assert.True(ao.ContainsKey(k), $"{where}: missing key '{k}'");
                    AssertSame(v, ao[k], $"{where}.{k}");
                }
                // Objects of named values (STAR pairs) must not have extra entries either.
                if (where.EndsWith(".pairs")) Assert.Equal(eo.Count, ao.Count);
                break;
            case JsonArray ea:
                var aa = Assert.IsType<JsonArray>(actual);
                Assert.True(ea.Count == aa.Count, $"{where}: {aa.Count} items, expected {ea.Count}");
                for (int i = 0; i < ea.Count; i++) AssertSame(ea[i], aa[i], $"{where}[{i}]");
                break;
            case JsonValue ev when ev.TryGetValue(out string? es):
                Assert.Equal(es, actual?.GetValue<string>());
                break;
            default:
                double e = Num(expected);
                Assert.NotNull(actual);
                double a = Num(actual!);
                double tol = 1e-9 + 1e-6 * Math.Abs(e);
                Assert.True(Math.Abs(a - e) <= tol, $"{where}: {a} expected {e}");
                break;
        }
    }
}
