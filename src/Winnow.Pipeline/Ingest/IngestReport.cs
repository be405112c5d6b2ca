namespace Winnow.Pipeline.Ingest;

/// <summary>What an ingest did: images new and already known, per inspection, and the files it could not read.</summary>
/// <param name="Ignored">Files that are not images of the job (other extensions, hidden files).</param>
public sealed record IngestReport(
    int ImagesFound, int ImagesAdded, int Ignored, IReadOnlyList<IngestedInspection> Inspections, IReadOnlyList<UnreadableFile> Unreadable)
{
    /// <summary>Images that were already in the store (by content hash).</summary>
    public int ImagesKnown => ImagesFound - ImagesAdded - Unreadable.Count;
}

/// <summary>One inspection an ingest touched, with its image counts.</summary>
public sealed record IngestedInspection(long Id, string Name, string Layout, int Images, int Added);

/// <summary>A file that looked like an image of the job but could not be read, and why.</summary>
public sealed record UnreadableFile(string Path, string Reason);
