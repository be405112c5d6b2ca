using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Diffraction;

/// <summary>Scorer behaviour on real files with a small model trained here (the behaviour, not the accuracy, is under test).</summary>
public sealed class ScorerTests : IClassFixture<ScorerTests.TinyModel>
{
    public sealed class TinyModel : IDisposable
    {
        private readonly TempDirectory dir = new();
        public string Weights { get; }

        public TinyModel() =>
            Weights = Recipe.Train(new TrainOptions { N = 12, Epochs = 1, BatchSize = 4, Size = 32, Out = dir.Path, Seed = 9 }, _ => { }).Weights;

        public void Dispose() => dir.Dispose();
    }

    private readonly TinyModel tiny;

    public ScorerTests(TinyModel tiny) => this.tiny = tiny;

    [Fact]
    public void JsonOfARealCbfHasTheDocumentedShape()
    {
        using var scorer = new DiffractionScorer(tiny.Weights);
        var file = SharedData.Path("diffraction/thau_3_2_0004.cbf");
        var score = Assert.Single(scorer.Score([file]));
        Assert.True(score.Ok, score.Error);
        var json = DiffractionScorer.ToJson(score);
        Assert.Equal(["file", "class", "probabilities", "resolution_A", "model"], json.Select(p => p.Key).ToArray());
        Assert.Equal(file, json["file"]!.GetValue<string>());
        var cls = json["class"]!.GetValue<string>();
        Assert.Contains(cls, new[] { "blank", "single", "multi" });
        var p = json["probabilities"]!.AsObject();
        Assert.Equal(["blank", "single", "multi"], p.Select(x => x.Key).ToArray());
        Assert.Equal(1.0, p.Sum(x => x.Value!.GetValue<double>()), 2);
        if (cls == "blank") Assert.Null(json["resolution_A"]);
        else Assert.InRange(json["resolution_A"]!.GetValue<double>(), 0.3, 1000);
        Assert.Matches("^[0-9a-f]{64}$", json["model"]!.GetValue<string>());
    }

    [Fact]
    public void BadFilesAreNamedAndTheRestAreScored()
    {
        using var dir = new TempDirectory();
        var text = dir.File("notes.cbf");
        File.WriteAllText(text, "this is not a detector image\n");
        var real = SharedData.Path("diffraction/thau_3_2_0001.cbf");
        var truncated = dir.File("truncated.cbf");
        File.WriteAllBytes(truncated, File.ReadAllBytes(real).AsSpan(0, 20_000).ToArray());
        var missing = dir.File("missing.cbf");
        using var scorer = new DiffractionScorer(tiny.Weights, batchSize: 2);
        var scores = scorer.Score([text, real, truncated, missing]);
        Assert.Equal(4, scores.Count);
        Assert.True(scores[1].Ok, scores[1].Error);
        foreach (var i in new[] { 0, 2, 3 })
        {
            Assert.False(scores[i].Ok);
            Assert.Contains(Path.GetFileName(new[] { text, real, truncated, missing }[i]), scores[i].Error);
            Assert.Null(scores[i].Class);
        }
    }

    [Fact]
    public void ReadBuffersReusedFromShotToShotGiveWhatFreshReadsGive()
    {
        // One loading thread reuses one set of buffers for every file; a file read after another of the same size (or
        // after a failed or an SMV one) must score as it does alone. The shipped model, so its spot stages run too.
        using var dir = new TempDirectory();
        var truncated = dir.File("truncated.cbf");
        File.WriteAllBytes(truncated, File.ReadAllBytes(SharedData.Path("diffraction/thau_3_2_0004.cbf")).AsSpan(0, 900_000).ToArray());
        var gzipped = dir.File("thau_3_2_0007.cbf.gz");
        using (var output = new System.IO.Compression.GZipStream(File.Create(gzipped), System.IO.Compression.CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(SharedData.Path("diffraction/thau_3_2_0007.cbf")));
        string[] files = [.. new[] { "thau_3_2_0001.cbf", "thau_3_2_0016.cbf" }.Select(n => SharedData.Path($"diffraction/{n}")), truncated,
            SharedData.Path("diffraction/simtbx_FormatSMVJHSim_001.img"), gzipped, SharedData.Path("diffraction/thau_3_2_0004.cbf"), SharedData.Path("diffraction/thau_3_2_0001.cbf")];
        using var reusing = new DiffractionScorer(batchSize: 4) { LoadThreads = 1 };
        var together = reusing.Score(files);
        using var fresh = new DiffractionScorer();
        for (int i = 0; i < files.Length; i++)
        {
            var alone = Assert.Single(fresh.Score([files[i]]));
            Assert.Equal(alone.Error, together[i].Error);
            Assert.Equal(alone.Class, together[i].Class);
            // The network may pick other kernels for another batch size: equal up to float rounding. Spots are exact.
            Assert.Equal(alone.Value ?? 0, together[i].Value ?? 0, 3);
            foreach (var (cls, p) in alone.Probabilities) Assert.Equal(p, together[i].Probabilities[cls], 4);
            Assert.Equal(alone.Measures, together[i].Measures);
        }
        Assert.False(together[2].Ok);
        Assert.True(together[4].Ok, together[4].Error); // .gz: inflated into its own array, pixels into the reused one
        Assert.Equal(together[0].Measures, together[6].Measures);
    }

    /// <summary>A copy of the tiny model whose card <paramref name="edit"/> changes.</summary>
    private string CopyWithCard(TempDirectory dir, Action<JsonObject> edit)
    {
        var weights = dir.File("copy.safetensors");
        File.Copy(tiny.Weights, weights);
        var card = JsonNode.Parse(File.ReadAllText(ModelFiles.CardPath(tiny.Weights)))!.AsObject();
        edit(card);
        File.WriteAllText(ModelFiles.CardPath(weights), card.ToJsonString());
        return weights;
    }

    [Fact]
    public void ALatticeStageInTheCardAddsSpotsAndCoherenceAndAMalformedOneIsNamed()
    {
        using var dir = new TempDirectory();
        var stage = new LatticeStage([0, 0, 0, -2, 0, 0, 0]).ToJson(new JsonObject { ["seed"] = 2000 });
        var weights = CopyWithCard(dir, card => card["postprocessing"] = new JsonObject { [LatticeStage.CardKey] = stage });
        using (var scorer = new DiffractionScorer(weights))
        {
            var score = Assert.Single(scorer.Score([SharedData.Path("diffraction/thau_3_2_0004.cbf")]));
            var json = DiffractionScorer.ToJson(score);
            Assert.Equal(["file", "class", "probabilities", "resolution_A", "model", "spots", "lattice_coherence"], json.Select(p => p.Key).ToArray());
            Assert.InRange(json["spots"]!.GetValue<double>(), 1000, 1900); // DIALS: 1284
            // With the weights above p(multi | crystal) = sigmoid(−2 · coherence) < 0.5: single beats multi.
            Assert.True(score.Probabilities["single"] > score.Probabilities["multi"]);
        }
        using var bad = new TempDirectory();
        var broken = CopyWithCard(bad, card => card["postprocessing"] = new JsonObject { [LatticeStage.CardKey] = new JsonObject { ["weights"] = new JsonArray(1.0) } });
        var e = Assert.Throws<InvalidDataException>(() => new DiffractionScorer(broken));
        Assert.Contains("lattice_stage", e.Message);
    }

    [Fact]
    public void ACardThatLeavesOutInputChannelsIsNamedNotJustTheTensor()
    {
        using var dir = new TempDirectory();
        var weights = CopyWithCard(dir, card => card["input"]!.AsObject().Remove("channels"));
        var e = Assert.Throws<InvalidDataException>(() => new DiffractionScorer(weights));
        Assert.Contains("input.channels", e.Message);
        Assert.Contains("copy.safetensors", e.Message);
    }

    [Fact]
    public void TheLatticeStageSkipsRotationImagesWiderThanHalfADegree()
    {
        // The DLS thermolysin image rotates 0.25° (the stage applies); the same file claiming 1° is scored by the
        // network alone: spots are still counted, but no coherence is reported or used.
        using var dir = new TempDirectory();
        var stage = new LatticeStage([0, 0, 0, -2, 0, 0, 0]).ToJson(new JsonObject());
        var weights = CopyWithCard(dir, card => card["postprocessing"] = new JsonObject { [LatticeStage.CardKey] = stage });
        var narrow = SharedData.Path("diffraction/dlsnxs2cbf_therm_0001.cbf");
        var bytes = File.ReadAllBytes(narrow);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("# Angle_increment 0.2500 deg.", StringComparison.Ordinal);
        Assert.True(at > 0);
        System.Text.Encoding.ASCII.GetBytes("# Angle_increment 1.0000 deg.").CopyTo(bytes, at);
        var wide = dir.File("wide.cbf");
        File.WriteAllBytes(wide, bytes);
        using var scorer = new DiffractionScorer(weights);
        var scores = scorer.Score([narrow, wide]);
        Assert.True(scores[0].Measures.ContainsKey("lattice_coherence"));
        Assert.False(scores[1].Measures.ContainsKey("lattice_coherence"));
        Assert.Equal(scores[0].Measures["spots"], scores[1].Measures["spots"]);
    }

    [Fact]
    public void EvaluationRefusesTheSeedAnyStageWasFittedOn()
    {
        using var dir = new TempDirectory();
        var stage = new ResolutionStage([0.0, 1.0], [0.0, 1.0]).ToJson(new JsonObject { ["seed"] = 1234 });
        var weights = CopyWithCard(dir, card => card["postprocessing"] = new JsonObject { [ResolutionStage.CardKey] = stage });
        var e = Assert.Throws<ArgumentException>(() => Evaluate.Run(weights, 10, 1234, 1, _ => { }));
        Assert.Contains("postprocessing.resolution_stage", e.Message);
    }
}
