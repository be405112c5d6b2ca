using Winnow.Store;

namespace Winnow.Pipeline.Ingest;

/// <summary>Which files are images of a job, by name: compressed detector images (.cbf.gz, .img.bz2) count by their inner extension.</summary>
public static class JobFiles
{
    private static readonly string[] Compressions = [".gz", ".bz2"];

    /// <summary>The extensions (lower case, with the dot) of a job's images.</summary>
    public static IReadOnlyList<string> Extensions(JobKind job) => job switch
    {
        JobKind.Drops => [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"],
        JobKind.Diffraction => [".cbf", ".img"],
        JobKind.Classes => [".mrcs"],
        JobKind.Squares => [".mrc", ".png", ".tif", ".tiff", ".jpg", ".jpeg"],
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
    };

    /// <summary>True when the file name is one of the job's images.</summary>
    public static bool IsImage(JobKind job, string fileName)
    {
        if (fileName.StartsWith('.'))
            return false;
        var name = StripCompression(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return Extensions(job).Contains(extension) && (name == fileName || job == JobKind.Diffraction);
    }

    /// <summary>The name without a trailing .gz or .bz2.</summary>
    public static string StripCompression(string fileName)
    {
        foreach (var compression in Compressions)
        {
            if (fileName.EndsWith(compression, StringComparison.OrdinalIgnoreCase))
                return fileName[..^compression.Length];
        }
        return fileName;
    }
}
