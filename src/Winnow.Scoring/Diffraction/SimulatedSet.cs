using Winnow.Formats.Geometry;
using Winnow.Simulation.Diffraction;

namespace Winnow.Scoring.Diffraction;

/// <summary>One preprocessed shot with its truth: class index, resolution (NaN when blank or no spot is strong enough), and
/// for multi-lattice shots the largest misorientation from the first lattice (0 otherwise); and, when asked for, the spot
/// evidence the lattice stage needs (<see cref="LatticeCoherence"/>).</summary>
public sealed record DiffractionSample(DiffractionInput Input, int Class, double ResolutionA, double MisorientationDeg = 0, SpotEvidence? Spots = null)
{
    /// <summary>True when the resolution label exists and trains the resolution head.</summary>
    public bool HasResolution => Class != 0 && double.IsFinite(ResolutionA) && ResolutionA > 0;

    /// <summary>The regression target: ln of the radius fraction of the resolution ring (an error in it is a relative error in d).</summary>
    public float LogRadius => HasResolution ? (float)Math.Log(Input.RadiusFraction(ResolutionA)) : 0f;
}

/// <summary>Simulated shots preprocessed in memory (no files): shot <c>i</c> of seed <c>s</c> is the same on every run.</summary>
public static class SimulatedSet
{
    /// <summary>Simulates shots <paramref name="start"/> … start+count−1 of <paramref name="seed"/> on <paramref name="threads"/>
    /// threads; <paramref name="withSpots"/> also finds each shot's spots and measures their coherence.</summary>
    public static DiffractionSample[] Generate(int seed, int start, int count, DetectorChoice detector, int size, int threads, Action<int>? progress = null, int zoomLevels = 1, bool withSpots = false)
    {
        var samples = new DiffractionSample[count];
        int done = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var shot = DiffractionSimulator.Generate(seed, start + i, detector);
            samples[i] = FromShot(shot, size, zoomLevels, withSpots);
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        return samples;
    }

    /// <summary>Preprocesses one simulated shot and attaches its label.</summary>
    public static DiffractionSample FromShot(SimulatedShot shot, int size, int zoomLevels = 1, bool withSpots = false)
    {
        var g = shot.Geometry;
        var geometry = new FlatDetector(g.DistanceMm, (g.PixelSizeMm, g.PixelSizeMm), (g.BeamX, g.BeamY), g.WavelengthA, (g.Width, g.Height));
        var input = Preprocess.Run(shot.Pixels, shot.Width, shot.Height, geometry, size, zoomLevels: zoomLevels);
        double misorientation = shot.Spec.Lattices.Count > 1 ? shot.Spec.Lattices.Max(l => l.MisorientationDeg) : 0;
        SpotEvidence? spots = withSpots ? LatticeCoherence.Measure(shot.Pixels, shot.Width, shot.Height, geometry) : null;
        return new DiffractionSample(input, ClassIndex(shot.Label.Class), shot.Label.ResolutionA, misorientation, spots);
    }

    /// <summary>The logit index of a simulator class.</summary>
    public static int ClassIndex(ShotClass cls) => cls switch
    {
        ShotClass.Blank => 0,
        ShotClass.Single => 1,
        _ => 2,
    };
}

/// <summary>Copies preprocessed shots into one batch tensor [N, C, S, S] in a single bulk copy.</summary>
internal static class Batch
{
    public static Winnow.Torch.Tensor Of(IReadOnlyList<DiffractionInput> inputs)
    {
        int size = inputs[0].Size, channels = inputs[0].Channels, plane = channels * size * size;
        var data = new float[inputs.Count * plane];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Size != size || inputs[i].Channels != channels) throw new ArgumentException("every input of a batch must have the same size and channels");
            inputs[i].Pixels.CopyTo(data, i * plane);
        }
        return Winnow.Torch.torch.FromArray(data, inputs.Count, channels, size, size);
    }
}
