using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Ingest.Layouts;

/// <summary>
/// Rock Maker exports: <c>&lt;barcode&gt;_&lt;col&gt;&lt;row&gt;_&lt;drop&gt;.jpg</c>, e.g. 90j8_01A_1.jpg is plate 90j8,
/// column 01, row A, drop 1. One barcode in one folder is one inspection.
/// </summary>
internal sealed partial class RockMakerExportLayout : IImageLayout
{
    public string Name => "rockmaker-export";

    public RecognisedImage? Recognise(string root, string path)
    {
        var match = FileName().Match(Path.GetFileName(path));
        if (!match.Success)
            return null;
        var barcode = match.Groups["barcode"].Value;
        var column = int.Parse(match.Groups["col"].Value);
        var row = match.Groups["row"].Value.ToUpperInvariant();
        var folder = Path.GetDirectoryName(path)!;
        return new RecognisedImage(Name, $"{Name}:{folder}:{barcode}", barcode,
            new Dictionary<string, object> { ["barcode"] = barcode, ["folder"] = folder },
            new Dictionary<string, object>
            {
                ["barcode"] = barcode,
                ["row"] = row,
                ["column"] = column,
                ["well"] = $"{row}{column:00}",
                ["drop"] = int.Parse(match.Groups["drop"].Value),
            });
    }

    [GeneratedRegex(@"^(?<barcode>[A-Za-z0-9-]+)_(?<col>\d{1,2})(?<row>[A-Pa-p]{1,2})_(?<drop>\d{1,2})\.(jpe?g|png|tiff?|bmp)$")]
    private static partial Regex FileName();
}
