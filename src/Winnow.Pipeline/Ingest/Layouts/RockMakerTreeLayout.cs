using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Ingest.Layouts;

/// <summary>
/// Rock Maker image storage: <c>…/plateID_&lt;id&gt;/batchID_&lt;id&gt;/wellNum_&lt;n&gt;/profileID_&lt;p&gt;/d&lt;drop&gt;_r&lt;region&gt;_ef.jpg</c>.
/// A batch is one imaging of the plate, so one batch is one inspection, wherever the tree is mounted.
/// </summary>
internal sealed partial class RockMakerTreeLayout : IImageLayout
{
    public string Name => "rockmaker-tree";

    public RecognisedImage? Recognise(string root, string path)
    {
        var match = TreePath().Match(path.Replace('\\', '/'));
        if (!match.Success)
            return null;
        var plate = match.Groups["plate"].Value;
        var batch = match.Groups["batch"].Value;
        return new RecognisedImage(Name, $"{Name}:plate{plate}:batch{batch}", $"plate {plate} batch {batch}",
            new Dictionary<string, object> { ["plateId"] = plate, ["batchId"] = batch },
            new Dictionary<string, object>
            {
                ["plateId"] = plate,
                ["batchId"] = batch,
                ["wellNum"] = int.Parse(match.Groups["well"].Value),
                ["profileId"] = match.Groups["profile"].Value,
                ["drop"] = int.Parse(match.Groups["drop"].Value),
                ["region"] = int.Parse(match.Groups["region"].Value),
                ["imageType"] = match.Groups["type"].Value,
            });
    }

    [GeneratedRegex(@"(^|/)plateID_(?<plate>\d+)/batchID_(?<batch>\d+)/wellNum_(?<well>\d+)/profileID_(?<profile>\d+)/d(?<drop>\d+)_r(?<region>\d+)_(?<type>[a-z]+)\.(jpe?g|png|tiff?)$", RegexOptions.IgnoreCase)]
    private static partial Regex TreePath();
}
