using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "winnow-sim-det-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, true);
    }

    [Fact]
    public void Same_seed_gives_the_same_image_bit_for_bit()
    {
        var a = DiffractionSimulator.Generate(17, 3, DetectorChoice.Small);
        var b = DiffractionSimulator.Generate(17, 3, DetectorChoice.Small);
        var c = DiffractionSimulator.Generate(18, 3, DetectorChoice.Small);
        Assert.Equal(a.Spec.Lattices, b.Spec.Lattices);
        Assert.Equal(a.Spec with { Lattices = [] }, b.Spec with { Lattices = [] });
        Assert.True(a.Pixels.AsSpan().SequenceEqual(b.Pixels));
        Assert.False(a.Pixels.AsSpan().SequenceEqual(c.Pixels));

        var spec = ShotSpec.Random(new SimRandom(9), DetectorChoice.Small, ShotClass.Single);
        Assert.True(DiffractionSimulator.Simulate(spec, 5).Pixels.AsSpan().SequenceEqual(DiffractionSimulator.Simulate(spec, 5).Pixels));
        Assert.False(DiffractionSimulator.Simulate(spec, 5).Pixels.AsSpan().SequenceEqual(DiffractionSimulator.Simulate(spec, 6).Pixels));
    }

    [Fact]
    public void Parallel_and_sequential_sets_are_identical_files()
    {
        string seq = Path.Combine(_dir, "seq"), par = Path.Combine(_dir, "par");
        var r1 = DiffractionSetWriter.Write(seq, 6, 123, DetectorChoice.Small, maxParallelism: 1);
        var r2 = DiffractionSetWriter.Write(par, 6, 123, DetectorChoice.Small, maxParallelism: 4);
        Assert.Equal(r1.Select(r => r.ToCsv()), r2.Select(r => r.ToCsv()));
        var files = Directory.GetFiles(seq).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["labels.csv", "shot_000001.cbf", "shot_000002.cbf", "shot_000003.cbf", "shot_000004.cbf", "shot_000005.cbf", "shot_000006.cbf"], files);
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(seq, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(par, f))), f);

        var lines = File.ReadAllLines(Path.Combine(seq, "labels.csv"));
        Assert.Equal(DiffractionSetWriter.CsvHeader, lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(17, l.Split(',').Length));
        // The in-memory path gives what the files hold.
        var inMemory = DiffractionSimulator.Generate(123, 4, DetectorChoice.Small);
        Assert.Equal(r1[3].ToCsv(), new SimulatedShotRecord("shot_000004.cbf", inMemory.Label, inMemory.Geometry, inMemory.Spec, inMemory.ReflectionCount).ToCsv());
    }
}
