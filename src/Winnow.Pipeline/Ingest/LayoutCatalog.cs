using Winnow.Pipeline.Ingest.Layouts;
using Winnow.Store;

namespace Winnow.Pipeline.Ingest;

/// <summary>The layouts tried, in order, for each job's images; the plain folder catches everything else.</summary>
public static class LayoutCatalog
{
    private static readonly IImageLayout Folder = new PlainFolderLayout();

    /// <summary>The layouts of a job, most specific first, ending with the plain folder.</summary>
    public static IReadOnlyList<IImageLayout> For(JobKind job) => job switch
    {
        JobKind.Drops => [new RockMakerTreeLayout(), new C3Layout(), new RockMakerExportLayout(), Folder],
        JobKind.Diffraction => [new DetectorRunLayout(), Folder],
        _ => [Folder],
    };

    /// <summary>What the first layout that knows the path makes of it.</summary>
    public static RecognisedImage Recognise(IReadOnlyList<IImageLayout> layouts, string root, string path)
    {
        foreach (var layout in layouts)
        {
            if (layout.Recognise(root, path) is { } recognised)
                return recognised;
        }
        return Folder.Recognise(root, path)!;
    }
}
