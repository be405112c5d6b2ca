using System.Globalization;
using Winnow.Store;

namespace Winnow.Pipeline.Ingest;

/// <summary>
/// Records human scores from a CSV with the columns image (a path or a SHA-256), class, scorer and time (ISO 8601).
/// A bad row is reported with its line and skipped; the other rows go on. Importing a file twice adds nothing.
/// </summary>
public sealed class ScoreImporter(IResultStore store)
{
    private static readonly string[] Columns = ["image", "class", "scorer", "time"];

    /// <summary>Imports the file; throws only when the file itself cannot be read or has no usable header.</summary>
    public async Task<ImportReport> ImportAsync(string csvPath, CancellationToken ct = default)
    {
        var file = Path.GetFullPath(csvPath);
        if (!File.Exists(file))
            throw new FileNotFoundException($"The scores file '{file}' does not exist; pass a CSV with the columns image,class,scorer,time.", file);
        var lines = await File.ReadAllLinesAsync(file, ct);
        var header = lines.Length == 0 ? null : CsvLine.Split(lines[0]);
        var at = header is null ? null : Columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase)));
        if (at is null || at.Values.Any(i => i < 0))
            throw new InvalidDataException($"'{file}' line 1 must be the header image,class,scorer,time (in any order); add the missing columns.");

        var folder = Path.GetDirectoryName(file)!;
        var errors = new List<RowError>();
        int added = 0, already = 0;
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
                continue;
            var error = await ImportRowAsync(lines[n], at, header!.Count, folder, ct);
            switch (error)
            {
                case null: added++; break;
                case "": already++; break;
                default: errors.Add(new RowError(file, n + 1, error)); break;
            }
        }
        return new ImportReport(file, added, already, errors);
    }

    /// <summary>Stores one row: null when added, "" when it was already there, else what is wrong with it.</summary>
    private async Task<string?> ImportRowAsync(string line, Dictionary<string, int> at, int width, string folder, CancellationToken ct)
    {
        var fields = CsvLine.Split(line);
        if (fields is null)
            return "a quoted field is not closed";
        if (fields.Count != width)
            return $"expected {width} fields as in the header, found {fields.Count}";
        string Field(string column) => fields[at[column]].Trim();

        var (image, @class, scorer, time) = (Field("image"), Field("class"), Field("scorer"), Field("time"));
        if (image.Length == 0 || @class.Length == 0 || scorer.Length == 0 || time.Length == 0)
            return "image, class, scorer and time must all be given";
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scoredAt))
            return $"time '{time}' is not a date and time like 2025-03-01T12:00:00Z";
        var record = await store.FindImageAsync(image, ct);
        if (record is null && !Path.IsPathRooted(image))
            record = await store.FindImageAsync(Path.GetFullPath(Path.Combine(folder, image)), ct);
        if (record is null)
            return $"image '{image}' is not in the store; ingest its folder first (winnow ingest)";
        var stored = await store.AddHumanScoreAsync(new NewScore(record.Id, ScorerKind.Human, scorer, @class, scoredAt), ct);
        return stored ? null : "";
    }
}
