namespace Winnow.Pipeline.Ingest.Layouts;

/// <summary>Any other image: one folder is one inspection, named by its path under the ingested folder.</summary>
internal sealed class PlainFolderLayout : IImageLayout
{
    public string Name => "folder";

    public RecognisedImage Recognise(string root, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var relative = Path.GetRelativePath(root, folder);
        var name = relative == "." ? Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) : relative;
        return new RecognisedImage(Name, $"{Name}:{folder}", name,
            new Dictionary<string, object> { ["folder"] = folder },
            new Dictionary<string, object> { ["file"] = Path.GetFileName(path) });
    }
}
