using System.Globalization;
using System.Text;

namespace Winnow.Simulation.Drops;

/// <summary>Writes a simulated set: drop_000001.jpg … and labels.csv (file, class, contents, background) beside them.</summary>
public static class DropSetWriter
{
    /// <summary>The labels file's name.</summary>
    public const string LabelsFile = "labels.csv";

    /// <summary>Writes images 0 … n−1 of the seed into <paramref name="folder"/>; returns the labels.</summary>
    public static IReadOnlyList<DropLabel> Write(string folder, int n, long seed, IReadOnlyList<string>? backgrounds = null, Action<DropLabel>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var simulator = new DropSimulator(seed, backgrounds);
        var labels = new List<DropLabel>(n);
        var csv = new StringBuilder("file,class,contents,background\n");
        for (var i = 0; i < n; i++)
        {
            var drop = simulator.Render(i);
            var name = FileName(i);
            File.WriteAllBytes(Path.Combine(folder, name), drop.Jpeg);
            labels.Add(drop.Label);
            csv.Append(CultureInfo.InvariantCulture, $"{name},{drop.Label.Class},{string.Join(';', drop.Label.Contents)},{Path.GetFileName(drop.Label.Background ?? "")}\n");
            progress?.Invoke(drop.Label);
        }
        File.WriteAllText(Path.Combine(folder, LabelsFile), csv.ToString());
        return labels;
    }

    /// <summary>The file name of image <paramref name="index"/>.</summary>
    public static string FileName(long index) => $"drop_{index + 1:000000}.jpg";

    /// <summary>Reads labels.csv back: file name → class.</summary>
    public static Dictionary<string, DropClass> ReadLabels(string folder)
    {
        var path = Path.Combine(folder, LabelsFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no labels file; write the set with `winnow simulate drops`.", path);
        var result = new Dictionary<string, DropClass>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 2 || !Enum.TryParse<DropClass>(parts[1], out var c))
                throw new InvalidDataException($"{path}: malformed line '{line}'");
            result[parts[0]] = c;
        }
        return result;
    }
}
