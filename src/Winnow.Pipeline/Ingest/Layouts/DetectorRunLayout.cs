using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Ingest.Layouts;

/// <summary>
/// Detector runs: <c>&lt;prefix&gt;_&lt;run&gt;_&lt;frame&gt;.cbf</c> (also .img, and either gzip- or bzip2-compressed);
/// one run, named by its template as DIALS writes it (thau_3_2_####.cbf), is one inspection.
/// A name with a single number (sample_0001.img) is a run of its own prefix.
/// </summary>
internal sealed partial class DetectorRunLayout : IImageLayout
{
    public string Name => "detector-run";

    public RecognisedImage? Recognise(string root, string path)
    {
        var fileName = Path.GetFileName(path);
        var match = WithRun().Match(fileName);
        if (!match.Success)
            match = FrameOnly().Match(fileName);
        if (!match.Success)
            return null;
        var prefix = match.Groups["prefix"].Value;
        var frame = match.Groups["frame"].Value;
        var hasRun = match.Groups["run"].Success;
        var stem = hasRun ? $"{prefix}_{match.Groups["run"].Value}" : prefix;
        var template = $"{stem}_{new string('#', frame.Length)}{match.Groups["ext"].Value}";
        var folder = Path.GetDirectoryName(path)!;
        var inspectionFields = new Dictionary<string, object> { ["template"] = template, ["folder"] = folder, ["prefix"] = prefix };
        var fields = new Dictionary<string, object> { ["template"] = template, ["prefix"] = prefix, ["frame"] = int.Parse(frame) };
        if (hasRun)
        {
            inspectionFields["run"] = int.Parse(match.Groups["run"].Value);
            fields["run"] = int.Parse(match.Groups["run"].Value);
        }
        return new RecognisedImage(Name, $"{Name}:{folder}/{template}", template, inspectionFields, fields);
    }

    [GeneratedRegex(@"^(?<prefix>.+)_(?<run>\d+)_(?<frame>\d+)(?<ext>\.(cbf|img)(\.gz|\.bz2)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex WithRun();

    [GeneratedRegex(@"^(?<prefix>.+)_(?<frame>\d+)(?<ext>\.(cbf|img)(\.gz|\.bz2)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex FrameOnly();
}
