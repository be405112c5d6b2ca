using System.Globalization;
using System.Text;

namespace Winnow.Simulation.Diffraction;

/// <summary>Writes a labelled set of simulated shots: shot_000001.cbf … and labels.csv.</summary>
public static class DiffractionSetWriter
{
    /// <summary>The labels.csv header.</summary>
    public const string CsvHeader = "file,class,resolution_A,detector,distance_mm,wavelength_A,beam_x_px,beam_y_px,n_lattices,protein,space_group,cell,b_factor_A2,target_resolution_A,mosaic_deg,misorientation_deg,n_reflections";

    /// <summary>
    /// Simulates <paramref name="n"/> shots of set <paramref name="seed"/> into <paramref name="directory"/>, in parallel;
    /// every shot depends only on (seed, index), so the files are the same whatever the parallelism. Returns the labels in order.
    /// </summary>
    public static IReadOnlyList<SimulatedShotRecord> Write(string directory, int n, int seed, DetectorChoice detector = DetectorChoice.Pilatus6M,
        int maxParallelism = -1, Action<SimulatedShotRecord>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Directory.CreateDirectory(directory);
        var records = new SimulatedShotRecord[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, n, options, i =>
        {
            var shot = DiffractionSimulator.Generate(seed, i + 1, detector);
            string file = FileName(i + 1);
            ShotCbf.Write(Path.Combine(directory, file), shot);
            var record = new SimulatedShotRecord(file, shot.Label, shot.Geometry, shot.Spec, shot.ReflectionCount);
            records[i] = record;
            progress?.Invoke(record);
        });
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in records)
            csv.Append(r.ToCsv()).Append('\n');
        File.WriteAllText(Path.Combine(directory, "labels.csv"), csv.ToString());
        return records;
    }

    /// <summary>The file name of shot number <paramref name="index"/> (1-based).</summary>
    public static string FileName(long index) => $"shot_{index:D6}.cbf";
}

/// <summary>One line of labels.csv.</summary>
public sealed record SimulatedShotRecord(string File, ShotLabel Label, ShotGeometry Geometry, ShotSpec Spec, int Reflections)
{
    /// <summary>The record as a CSV line in the column order of <see cref="DiffractionSetWriter.CsvHeader"/>.</summary>
    public string ToCsv()
    {
        var c = CultureInfo.InvariantCulture;
        string Num(double v, string format) => double.IsNaN(v) ? "" : v.ToString(format, c);
        double misorientation = Spec.Lattices.Count > 1 ? Spec.Lattices.Skip(1).Max(l => l.MisorientationDeg) : 0;
        bool blank = Label.Class == ShotClass.Blank;
        return string.Join(',',
            File,
            Label.Class.ToString().ToLowerInvariant(),
            Num(Label.ResolutionA, "0.000"),
            Geometry.Detector,
            Num(Geometry.DistanceMm, "0.00"),
            Num(Geometry.WavelengthA, "0.00000"),
            Num(Geometry.BeamX, "0.00"),
            Num(Geometry.BeamY, "0.00"),
            Label.Lattices.ToString(c),
            blank ? "" : Spec.Crystal!.Name,
            blank ? "" : Spec.Crystal!.SpaceGroup.Name,
            blank ? "" : Spec.Crystal!.Cell.ToString(),
            blank ? "" : Num(Spec.BFactor, "0.0"),
            blank ? "" : Num(Spec.TargetResolutionA, "0.000"),
            blank ? "" : Num(Spec.MosaicDeg, "0.000"),
            Num(misorientation, "0.00"),
            Reflections.ToString(c));
    }
}
