using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;
using Winnow.Torch;

namespace Winnow.Scoring.Tests.Drops;

public class TileReadingTests
{
    private const int Side = 32;

    [Fact]
    public void ThreeByThreeTilesAtTwiceTheSideOverlapByHalfATile()
    {
        var reading = new TileReading { Grid = 3, Magnification = 2 };
        Assert.Equal(768, reading.DecodedSide(384));
        Assert.Equal(new (int, int)[] { (0, 0), (192, 0), (384, 0), (0, 192), (192, 192), (384, 192), (0, 384), (192, 384), (384, 384) }, reading.Origins(384).Select(o => (o.X, o.Y)));
        Assert.Equal(new (int, int)[] { (0, 0) }, new TileReading { Grid = 1, Magnification = 1 }.Origins(384).Select(o => (o.X, o.Y)));
    }

    [Fact]
    public void FeaturesAreTheWholesLogProbabilitiesAndTheTilesLargestAndMean()
    {
        float[] whole = [0.7f, 0.1f, 0.1f, 0.1f];
        float[] tiles = [0.9f, 0.05f, 0.05f, 0f, 0.1f, 0.8f, 0.05f, 0.05f];
        var f = TileFeatures.Of(whole, tiles, 4, 2)[0];
        Assert.Equal(17, f.Length);
        Assert.Equal(1, f[0]);
        Assert.Equal(Math.Log(0.7 + 1e-5), f[1], 5);
        Assert.Equal(Math.Log(0.8 + 1e-5), f[1 + 4 + 1], 5);           // largest Crystals tile
        Assert.Equal((Math.Log(0.05 + 1e-5) + Math.Log(0.8 + 1e-5)) / 2, f[1 + 8 + 1], 5);
        Assert.Equal(Math.Log(0.425 + 1e-5), f[1 + 12 + 1], 5);        // log of the mean Crystals probability
        Assert.Equal(Math.Log(0.05 + 1e-5), f[1 + 4 + 3], 5);          // Other: 0 in one tile, 0.05 in the other
    }

    [Fact]
    public void ACombinerThatCopiesTheWholeGivesTheWholesProbabilities()
    {
        var reading = new TileReading { Grid = 1, Magnification = 2, Combiner = Identity(4) };
        reading.Validate("m", 4, requireCombiner: true);
        float[] whole = [0.1f, 0.6f, 0.2f, 0.1f, 0.25f, 0.25f, 0.25f, 0.25f];
        float[] tiles = [0.9f, 0.05f, 0.05f, 0f, 0f, 1f, 0f, 0f];
        var p = reading.Combine(whole, tiles, 4);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], p[i], 4);
    }

    [Fact]
    public void ASettingNoScorerCanUseIsRefusedNamingTheModel()
    {
        var e = Assert.Throws<InvalidDataException>(() => new TileReading { Grid = 3, Combiner = Identity(3) }.Validate("my-drops", 4, requireCombiner: true));
        Assert.Contains("my-drops", e.Message);
        Assert.Contains("combiner", e.Message);
        Assert.Throws<InvalidDataException>(() => new TileReading { Grid = 3, Magnification = 1 }.Validate("m", 4, requireCombiner: false));
        // Before calibration fits it, an empty combiner is allowed where the combiner is not needed yet.
        new TileReading { Grid = 3 }.Validate("m", 4, requireCombiner: false);
    }

    [Fact]
    public void TheFitLearnsACrystalSeenInOneTileWhereTheWholeSaysOtherwise()
    {
        // Labels follow the largest tile's Crystals probability, not the whole's argmax: the combiner must find that.
        var rng = new Random(3);
        int n = 400, tiles = 4;
        var whole = new float[n * 4];
        var parts = new float[n * tiles * 4];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var seen = rng.NextDouble() < 0.3;
            labels[i] = seen ? 1 : 2;
            Fill(whole.AsSpan(i * 4, 4), 2, rng);
            for (var t = 0; t < tiles; t++) Fill(parts.AsSpan((i * tiles + t) * 4, 4), seen && t == 0 ? 1 : 2, rng);
        }
        var wholeOnly = ClassDecision.Accuracy(whole, labels, 4, null);
        var fit = TileCombinerFit.Fit(TileFeatures.Of(whole, parts, 4, tiles), labels, 4);
        var reading = new TileReading { Grid = 2, Combiner = fit.Weights };
        var combined = ClassDecision.Accuracy(reading.Combine(whole, parts, 4), labels, 4, null);
        Assert.InRange(wholeOnly, 0.6, 0.8);
        Assert.True(combined > 0.95, $"combined accuracy {combined}");
        Assert.True(fit.CrossValidatedAccuracy > 0.95, $"cross-validated {fit.CrossValidatedAccuracy}");
        Assert.Contains(fit.Ridge, TileCombinerFit.Ridges);
    }

    [Fact]
    public void TheScorerCutsTheTilesAndAveragesTheWholeDownAsTheGeometrySays()
    {
        using var dir = new TempDirectory();
        torch.ManualSeed(11);
        using (var model = DropsModel.Create())
        {
            var card = DropsModel.NewCard("tiles", Side, InputCrop.Well);
            card.Tiles = new TileReading { Grid = 3, Magnification = 2 };
            DropsModel.Save(model, card, dir.File("m.safetensors"));
        }
        var files = Enumerable.Range(0, 2).Select(i =>
        {
            var path = dir.File($"d{i}.jpg");
            File.WriteAllBytes(path, new DropSimulator(4).Render(i).Jpeg);
            return path;
        }).ToList();
        var set = DropImageSet.FromFolderFiles(files, 2 * Side, InputCrop.Well);
        using var scorer = DropsScorer.Open(dir.File("m.safetensors"));
        Assert.Equal(2 * Side, scorer.DecodedSide);
        var (whole, tiles) = scorer.TileParts(set);
        Assert.Equal(2 * 9 * 4, tiles.Length);
        // Reference: the same network without tiles, on tiles cut and a whole averaged by hand.
        var plainCard = ModelFiles.LoadCard(dir.File("m.safetensors")) with { Tiles = null };
        using var plain = DropsScorer.Open(dir.File("m.safetensors"), card: plainCard);
        using var scope = torch.NewScope();
        var batch = set.Batch([0, 1]);
        var expectedWhole = plain.Probabilities(Torch.nn.F.AvgPool2d(batch, 2)).ToArray<float>();
        for (var i = 0; i < whole.Length; i++) Assert.Equal(expectedWhole[i], whole[i], 4);
        var origins = new TileReading().Origins(Side);
        for (var t = 0; t < 9; t++)
        {
            var cut = batch.Slice(0, 1, 2).Slice(2, origins[t].Y, origins[t].Y + Side).Slice(3, origins[t].X, origins[t].X + Side);
            var expected = plain.Probabilities(cut.Contiguous()).ToArray<float>();
            for (var c = 0; c < 4; c++) Assert.Equal(expected[c], tiles[((1 * 9) + t) * 4 + c], 4);
        }
        // Without a fitted combiner the model cannot score yet, and says how to fit one.
        var e = Assert.Throws<InvalidDataException>(() => scorer.Probabilities(set));
        Assert.Contains("calibrate drops --tiles", e.Message);
        // A set decoded at the input side instead of the magnified one is refused.
        Assert.Throws<ArgumentException>(() => scorer.TileParts(DropImageSet.FromFolderFiles(files, Side, InputCrop.Well)));
    }

    [Fact]
    public void CalibrationFitsTheCombinerAndTheScorerThenUsesIt()
    {
        using var dir = new TempDirectory();
        torch.ManualSeed(12);
        using (var model = DropsModel.Create())
            DropsModel.Save(model, DropsModel.NewCard("tiles", Side, InputCrop.Well), dir.File("m.safetensors"));
        var validation = DropImageSet.Simulate(9, 40, 2 * Side, crop: InputCrop.Well);
        var report = DropsCalibrate.Run(dir.File("m.safetensors"), validation, "seed 9 × 40", TestTimeViews.None, new TileReading { Grid = 3 }, 0.8, false, "test");
        Assert.NotNull(report.Tiles);
        var card = ModelFiles.LoadCard(dir.File("m.safetensors"));
        Assert.NotNull(card.Tiles);
        card.Tiles!.Validate(card.Name, 4, requireCombiner: true);
        // The name says the model reads tiles; calibrating again without them takes the suffix off, with them keeps one.
        Assert.EndsWith("-tiles", card.Name);
        Assert.Equal(card.Name, TileReading.NameFor(card.Name, card.Tiles));
        Assert.Equal(card.Name[..^"-tiles".Length], TileReading.NameFor(card.Name, null));
        using var scorer = DropsScorer.Open(dir.File("m.safetensors"));
        var p = scorer.Probabilities(validation);
        var (whole, tiles) = scorer.TileParts(validation);
        var expected = card.Tiles.Combine(whole, tiles, 4);
        for (var i = 0; i < p.Length; i++) Assert.Equal(expected[i], p[i], 5);
        // The reported validation accuracy is the combined probabilities' own.
        Assert.Equal(ClassDecision.Accuracy(p, validation.Labels, 4, null), report.Validation.Accuracy, 6);
    }

    private static List<List<double>> Identity(int classes)
    {
        var rows = Enumerable.Range(0, TileFeatures.Count(classes)).Select(_ => new List<double>(new double[classes])).ToList();
        for (var c = 0; c < classes; c++) rows[1 + c][c] = 1;
        return rows;
    }

    private static void Fill(Span<float> p, int favoured, Random rng)
    {
        var strength = 0.5 + 0.4 * rng.NextDouble();
        for (var c = 0; c < p.Length; c++) p[c] = (float)((1 - strength) / (p.Length - 1));
        p[favoured] = (float)strength;
    }
}
