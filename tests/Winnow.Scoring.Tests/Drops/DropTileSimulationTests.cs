using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Drops;

public class DropTileSimulationTests
{
    [Fact]
    public void ACrystalIsInATileWhenHalfItsBoxOrASixteenthSquareLiesInside()
    {
        // Well of 400 px decoded at 768: 1.92 decoded px per photograph px; tile (0, 0) of side 384 covers photograph px 0–200.
        var well = new PixelBox(0, 0, 400, 400);
        bool Holds(double left, double top, double right, double bottom) =>
            DropTileSimulation.HoldsCrystal([new CrystalMark(left, top, right, bottom)], well, 768, (0, 0), 384);
        Assert.True(Holds(10, 10, 20, 20));        // wholly inside
        Assert.True(Holds(194, 10, 204, 20));      // 60 % inside
        Assert.False(Holds(198, 10, 210, 20));     // a sixth inside, and small
        Assert.True(Holds(180, 10, 400, 200));     // a large crystal: most outside, but far more than 24² decoded px inside
        Assert.False(Holds(250, 250, 260, 260));   // elsewhere
    }

    [Fact]
    public void EveryPhotographGivesItsWholeAndItsCrystalTilesAreLabelledCrystals()
    {
        var set = DropTileSimulation.Simulate(4, 8, 32, new TileReading());
        var wholes = Enumerable.Range(0, set.Count).Where(i => !set.Sources[i].EndsWith(":tile")).ToList();
        Assert.Equal(8, wholes.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (int)DropSimulator.ClassOf(i)), wholes.Select(i => set.Labels[i]));
        // Indices 1 and 5 are crystal drops: each has a crystal tile (its crystals cover some tile of nine).
        foreach (var photograph in new[] { 1, 5 })
            Assert.Contains(Enumerable.Range(0, set.Count), i => set.Sources[i] == $"sim:4:{photograph}:tile" && set.Labels[i] == (int)DropClass.Crystals);
        // Tiles of drops without crystals carry their drop's class.
        foreach (var i in Enumerable.Range(0, set.Count).Where(i => set.Sources[i].EndsWith(":tile")))
        {
            var photograph = int.Parse(set.Sources[i].Split(':')[2]);
            if (DropSimulator.ClassOf(photograph) != DropClass.Crystals) Assert.Equal((int)DropSimulator.ClassOf(photograph), set.Labels[i]);
        }
        Assert.Equal(InputCrop.Well, set.Crop);
        Assert.Equal(32, set.Size);
    }

    [Fact]
    public void ACacheWhoseHeaderClaimsMoreThanItHoldsIsRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("drops-seed1-n3-s8.bin");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(0x53504F44);
            writer.Write(1 << 20);  // 1,048,576² images …
            writer.Write(1 << 20);  // … a million of them: 10^18 bytes
        }
        var e = Assert.Throws<InvalidDataException>(() => DropImageSet.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("delete it", e.Message);
    }
}
