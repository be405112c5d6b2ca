using Winnow.Store;

namespace Winnow.Pipeline.Ingest;

/// <summary>
/// Writes images people labelled differently from the model as a fine-tuning set: DIR/&lt;humanClass&gt;/&lt;file&gt;
/// and DIR/labels.csv (path relative to DIR, label, then where the image came from and what the model said).
/// </summary>
public static class DisagreementExport
{
    /// <summary>The CSV written beside the class folders.</summary>
    public const string LabelsFile = "labels.csv";

    /// <summary>Copies the images and writes the CSV; returns how many were exported and the images whose file is gone.</summary>
    public static async Task<(int Exported, IReadOnlyList<UnreadableFile> Missing)> WriteAsync(
        IReadOnlyList<Disagreement> disagreements, string directory, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var missing = new List<UnreadableFile>();
        var lines = new List<string>
        {
            CsvLine.Join(["path", "label", "machine_class", "model", "human_scorer", "human_time", "sha256", "source"]),
        };
        foreach (var d in disagreements)
        {
            if (!File.Exists(d.Image.Path))
            {
                missing.Add(new UnreadableFile(d.Image.Path, "the file is no longer there"));
                continue;
            }
            var classFolder = SafeName(d.Human.Class);
            Directory.CreateDirectory(Path.Combine(root, classFolder));
            var name = Path.GetFileName(d.Image.Path);
            var target = Path.Combine(root, classFolder, name);
            // Two images may share a file name in different folders: the hash prefix keeps both.
            if (File.Exists(target) && await ContentHash.OfFileAsync(target, ct) != d.Image.Sha256)
            {
                name = $"{d.Image.Sha256[..12]}_{name}";
                target = Path.Combine(root, classFolder, name);
            }
            File.Copy(d.Image.Path, target, overwrite: true);
            lines.Add(CsvLine.Join([
                $"{classFolder}/{name}", d.Human.Class, d.Machine.Class, d.Machine.Scorer, d.Human.Scorer,
                d.Human.ScoredAt.ToString("O"), d.Image.Sha256, d.Image.Path,
            ]));
        }
        await File.WriteAllLinesAsync(Path.Combine(root, LabelsFile), lines, ct);
        return (lines.Count - 1, missing);
    }

    // Class names become folder names: nothing that would leave the folder or trouble a file system.
    private static string SafeName(string @class)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(@class.Select(c => invalid.Contains(c) || c == '\\' ? '_' : c).ToArray()).Trim();
        return safe is "" or "." or ".." ? "_" : safe;
    }
}
