using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

public class ShotClassTests
{
    [Fact]
    public void Blank_shot_has_no_spots_above_background()
    {
        var spec = TestShots.Blank(TestShots.Single(ProteinCrystal.Named("lysozyme"), Mat3.Identity));
        var shot = DiffractionSimulator.Simulate(spec, 1);
        var background = TestShots.ExpectedBackground(spec);
        Assert.Equal(ShotClass.Blank, shot.Label.Class);
        Assert.True(double.IsNaN(shot.Label.ResolutionA));
        Assert.Equal(0, shot.ReflectionCount);
        Assert.Equal(0, TestShots.CountSpots(shot.Pixels, background, shot.Width, shot.Height));
    }

    [Fact]
    public void Single_lattice_shot_has_many_spots()
    {
        var spec = TestShots.Single(ProteinCrystal.Named("lysozyme"), Orientation.RandomRotation(new SimRandom(2)));
        var shot = DiffractionSimulator.Simulate(spec, 1);
        int spots = TestShots.CountSpots(shot.Pixels, TestShots.ExpectedBackground(spec), shot.Width, shot.Height);
        Assert.True(spots > 100, $"{spots} spots");
        Assert.InRange(spots, 0, shot.ReflectionCount);
    }

    [Fact]
    public void Multi_lattice_shot_has_more_spots_than_single_for_the_same_crystal()
    {
        var rng = new SimRandom(4);
        var u = Orientation.RandomRotation(rng);
        var single = TestShots.Single(ProteinCrystal.Named("thaumatin"), u);
        var second = Mat3.Rotation(new Vec3(0.3, 0.8, -0.5), 7.0 * Math.PI / 180) * u;
        var multi = single with { Lattices = [.. single.Lattices, new LatticeSpec(second, 0.8, 7.0)] };
        var background = TestShots.ExpectedBackground(single);
        var s1 = DiffractionSimulator.Simulate(single, 3);
        var s2 = DiffractionSimulator.Simulate(multi, 3);
        Assert.Equal(ShotClass.Multi, s2.Label.Class);
        int n1 = TestShots.CountSpots(s1.Pixels, background, s1.Width, s1.Height);
        int n2 = TestShots.CountSpots(s2.Pixels, background, s2.Width, s2.Height);
        Assert.True(n2 > 1.4 * n1, $"single {n1} spots, multi {n2}");
        Assert.True(s2.ReflectionCount > s1.ReflectionCount);
    }

    [Fact]
    public void Random_specs_cover_every_class_and_lattice_count()
    {
        var counts = new Dictionary<int, int>();
        var classes = new Dictionary<ShotClass, int>();
        for (int i = 0; i < 400; i++)
        {
            var spec = ShotSpec.Random(new SimRandom((ulong)i), DetectorChoice.Mixed);
            counts[spec.Lattices.Count] = counts.GetValueOrDefault(spec.Lattices.Count) + 1;
            classes[spec.Class] = classes.GetValueOrDefault(spec.Class) + 1;
            Assert.InRange(spec.DistanceMm, 120, 500);
            Assert.InRange(spec.WavelengthA, 0.7, 1.4);
            foreach (var l in spec.Lattices.Skip(1))
            {
                Assert.InRange(l.MisorientationDeg, 0.1, 30);
                Assert.Equal(l.MisorientationDeg, Orientation.AngleBetweenDeg(spec.Lattices[0].Orientation, l.Orientation), 6);
            }
        }
        Assert.InRange(classes[ShotClass.Blank], 70, 130);
        Assert.InRange(classes[ShotClass.Single], 160, 240);
        Assert.InRange(counts[2], 25, 75);
        Assert.InRange(counts[3], 25, 75);
    }

    [Fact]
    public void About_half_the_blank_shots_miss_the_sample_and_crystal_shots_always_carry_solvent()
    {
        int blanks = 0, airOnly = 0;
        for (int i = 0; i < 400; i++)
        {
            var spec = ShotSpec.Random(new SimRandom((ulong)i), DetectorChoice.Pilatus6M);
            Assert.True(spec.Background.Air > 0);
            if (spec.Class != ShotClass.Blank)
            {
                Assert.True(spec.Background.Water > 0, "a crystal sits in solvent: its shot has a water ring");
                continue;
            }
            blanks++;
            if (spec.Background.Water == 0 && spec.Background.Loop == 0) airOnly++;
        }
        Assert.InRange(airOnly, blanks * 0.3, blanks * 0.7);
    }
}
