using Winnow.Simulation.Drops;

namespace Winnow.Simulation.Tests.Drops;

public class DropMixturesTests
{
    // Images 1, 5, 9, … are Crystals and 2, 6, … Precipitate (classes cycle); eight of each are enough to see a rate of 1 or 0.
    private static IEnumerable<DropLabel> Labels(DropMixtures? mixtures, DropClass cls) =>
        Enumerable.Range(0, 8).Select(i => new DropSimulator(11, mixtures: mixtures).Render(4 * i + (int)cls).Label);

    [Fact]
    public void RatesOfOneAndZeroPutTheSecondContentInEveryDropOrInNone()
    {
        var always = Labels(new DropMixtures(1, 1), DropClass.Crystals).ToList();
        Assert.All(always, l => Assert.Contains(l.Contents, c => c.StartsWith("precipitate:")));
        Assert.All(always, l => Assert.Contains(l.Contents, c => c.StartsWith("other:")));
        Assert.All(always, l => Assert.Equal(DropClass.Crystals, l.Class));
        Assert.All(Labels(new DropMixtures(1, 1), DropClass.Precipitate), l => Assert.Contains(l.Contents, c => c.StartsWith("other:")));

        var never = Labels(new DropMixtures(0, 0), DropClass.Crystals).ToList();
        Assert.All(never, l => Assert.DoesNotContain(l.Contents, c => c.StartsWith("precipitate:") || c.StartsWith("other:")));
    }

    [Fact]
    public void TheNaturalRatesDrawTheSameImagesAsBefore()
    {
        for (var i = 0; i < 4; i++)
            Assert.Equal(new DropSimulator(11).Render(i).Jpeg, new DropSimulator(11, mixtures: new DropMixtures(0.3, 0.15)).Render(i).Jpeg);
        Assert.True(new DropMixtures(0.3, 0.15).IsNatural);
    }

    [Theory]
    [InlineData("0.6,0.4", 0.6, 0.4)]
    [InlineData("1,0", 1.0, 0.0)]
    public void ParsesTwoShares(string text, double precipitate, double other)
    {
        var m = DropMixtures.Parse(text);
        Assert.Equal((precipitate, other), (m.CrystalsWithPrecipitate, m.WithOther));
        Assert.Equal(m, DropMixtures.Parse(m.ToString()));
    }

    [Theory]
    [InlineData("0.6")]
    [InlineData("2,0")]
    [InlineData("a,b")]
    [InlineData("0.1,0.2,0.3")]
    public void RefusesAnythingButTwoSharesNamingWhatWasGiven(string text)
    {
        var e = Assert.Throws<FormatException>(() => DropMixtures.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
    }
}
