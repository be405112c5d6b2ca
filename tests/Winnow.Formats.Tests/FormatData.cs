namespace Winnow.Formats.Tests;

/// <summary>Which of the shared sample files the readers in Winnow.Formats must match (raster folders come later).</summary>
internal static class FormatData
{
    /// <summary>The files reference.json records in the format folders.</summary>
    public static IEnumerable<string> FormatFiles() =>
        SharedData.Reference.Select(kv => kv.Key).Where(k => k.StartsWith("mrc/") || k.StartsWith("star/") || k.StartsWith("diffraction/")).Order();

    /// <summary>Every file on disk in the format folders, to catch files missing from reference.json.</summary>
    public static IEnumerable<string> FilesOnDisk() =>
        new[] { "mrc", "star", "diffraction" }.SelectMany(d => Directory.EnumerateFiles(SharedData.Path(d)).Select(f => d + "/" + System.IO.Path.GetFileName(f)));
}
