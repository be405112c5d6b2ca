namespace Winnow.Formats.Tests;

/// <summary>The shared sample files the readers in Winnow.Formats must match: every folder, raster pictures included.</summary>
internal static class FormatData
{
    private static readonly string[] Folders = ["mrc", "star", "diffraction", "atlas", "drops"];

    /// <summary>The files reference.json records in the format folders.</summary>
    public static IEnumerable<string> FormatFiles() =>
        SharedData.Reference.Select(kv => kv.Key).Where(k => Folders.Any(f => k.StartsWith(f + "/"))).Order();

    /// <summary>Every file on disk in the format folders, to catch files missing from reference.json.</summary>
    public static IEnumerable<string> FilesOnDisk() =>
        Folders.SelectMany(d => Directory.EnumerateFiles(SharedData.Path(d)).Select(f => d + "/" + System.IO.Path.GetFileName(f)));
}
