using System.Text.Json.Nodes;
using Winnow.Formats.Inspection;
using Winnow.Formats.Star;

namespace Winnow.Formats.Tests;

public class StarTests
{
    public static TheoryData<string> StarFiles() => new(FormatData.FormatFiles().Where(f => f.StartsWith("star/")));

    [Theory]
    [MemberData(nameof(StarFiles))]
    public void WrittenFileIsReadByGemmiAsTheSameBlocksTagsAndValues(string file)
    {
        var doc = StarParser.ReadFile(SharedData.Path(file));
        var path = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}.star");
        try
        {
            StarWriter.Write(path, doc);
            // Winnow reads its own output back to the same document.
            Assert.Equal(Inspector.Star(doc).ToJsonString(), Inspector.Star(StarParser.ReadFile(path)).ToJsonString());
            if (!SystemPython.Has("gemmi")) return;
            var (code, output, err) = SystemPython.Run("""
                import sys, json, gemmi
                doc = gemmi.cif.read_file(sys.argv[1])
                out = []
                for b in doc:
                    pairs, loops = {}, []
                    for it in b:
                        if it.pair is not None: pairs[it.pair[0]] = it.pair[1]
                        elif it.loop is not None:
                            l = it.loop
                            loops.append({"tags": list(l.tags), "values": list(l.values)})
                    out.append({"name": b.name, "pairs": pairs, "loops": loops})
                print(json.dumps(out))
                """, path);
            Assert.True(code == 0, err);
            var gemmi = JsonNode.Parse(output)!.AsArray();
            Assert.Equal(doc.Blocks.Count, gemmi.Count);
            for (int b = 0; b < doc.Blocks.Count; b++)
            {
                var block = doc.Blocks[b];
                var g = gemmi[b]!.AsObject();
                Assert.Equal(block.Name.Length == 0 ? "#" : block.Name, (string)g["name"]!);
                var pairs = g["pairs"]!.AsObject();
                Assert.Equal(block.Pairs.Count, pairs.Count);
                foreach (var (k, v) in block.Pairs) Assert.Equal(v, (string)pairs[k]!);
                var loops = g["loops"]!.AsArray();
                Assert.Equal(block.Loops.Count, loops.Count);
                for (int l = 0; l < loops.Count; l++)
                {
                    var loop = block.Loops[l];
                    Assert.Equal(loop.Tags, loops[l]!["tags"]!.AsArray().Select(t => (string)t!));
                    var values = loops[l]!["values"]!.AsArray().Select(t => (string)t!).ToList();
                    Assert.Equal(loop.RowCount * loop.Tags.Count, values.Count);
                    for (int i = 0; i < values.Count; i++) Assert.Equal(loop[i / loop.Tags.Count, i % loop.Tags.Count], values[i]);
                }
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TypedColumnsAndImageReferences()
    {
        var doc = StarParser.ReadFile(SharedData.Path("star/relion31.star"));
        var optics = doc["optics"].Loops[0];
        Assert.Equal(2.806, optics.Column("_rlnImagePixelSize").GetDouble(0), 12);
        Assert.Equal(256, optics.Column("_rlnImageSize").GetInt(0));
        var particles = doc["particles"].Loops[0];
        var image = particles.Column("_rlnImageName").GetImage(0);
        Assert.Equal(new ImageReference(1, "relion31.mrcs"), image);
        Assert.Equal(0, image.Section);
        Assert.Equal(2.586789e+05, particles.Column("_rlnLogLikeliContribution").GetDouble(0));
        Assert.Throws<FormatException>(() => particles.Column("_rlnMicrographName").GetDouble(0));
    }

    [Fact]
    public void QuotesCommentsTextFieldsAndEmptyLoops()
    {
        var doc = StarParser.Parse("""
            # comment
            data_a
            _x 'it''s' # trailing comment
            _y "two words"
            _z
            ;line one
            line two
            ;
            loop_
            _e #1
            data_b
            loop_
            _p #1
            _q #2
            1 'a b'
            2 "c"
            """);
        var a = doc["a"];
        Assert.Equal("'it''s'", a.GetRaw("_x"));
        Assert.Equal("two words", a.GetString("_y"));
        Assert.Equal("line one\nline two", a.GetString("_z"));
        Assert.Equal(0, a.Loops[0].RowCount);
        var b = doc["b"].Loops[0];
        Assert.Equal(2, b.RowCount);
        Assert.Equal("a b", b.Column("_q").GetString(0));
        Assert.Equal("'b c'", StarValue.Quote("b c"));
        Assert.Equal("plain", StarValue.Quote("plain"));
    }
}
