using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Ingest.Layouts;

/// <summary>
/// CSIRO C3 names: <c>&lt;barcode&gt;_&lt;well&gt;_ImagerDefaults_&lt;n&gt;.jpg</c> (well like A01, optionally with a drop: A01.2).
/// One barcode in one folder is one inspection.
/// </summary>
internal sealed partial class C3Layout : IImageLayout
{
    public string Name => "c3";

    public RecognisedImage? Recognise(string root, string path)
    {
        var match = FileName().Match(Path.GetFileName(path));
        if (!match.Success)
            return null;
        var barcode = match.Groups["barcode"].Value;
        var row = match.Groups["row"].Value.ToUpperInvariant();
        var column = int.Parse(match.Groups["col"].Value);
        var folder = Path.GetDirectoryName(path)!;
        var fields = new Dictionary<string, object>
        {
            ["barcode"] = barcode,
            ["row"] = row,
            ["column"] = column,
            ["well"] = $"{row}{column:00}",
            ["imagerSetting"] = "ImagerDefaults",
            ["imageNumber"] = int.Parse(match.Groups["n"].Value),
        };
        if (match.Groups["drop"].Success)
            fields["drop"] = int.Parse(match.Groups["drop"].Value);
        return new RecognisedImage(Name, $"{Name}:{folder}:{barcode}", barcode,
            new Dictionary<string, object> { ["barcode"] = barcode, ["folder"] = folder }, fields);
    }

    [GeneratedRegex(@"^(?<barcode>[A-Za-z0-9-]+)_(?<row>[A-Pa-p]{1,2})(?<col>\d{1,2})(\.(?<drop>\d+))?_ImagerDefaults_(?<n>\d+)\.(jpe?g|png|tiff?)$")]
    private static partial Regex FileName();
}
