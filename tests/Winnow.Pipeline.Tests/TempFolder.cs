namespace Winnow.Pipeline.Tests;

/// <summary>A temp folder deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("winnow-pipeline-").FullName;

    /// <summary>Writes a small file with unique bytes at a path relative to the folder; returns its full path.</summary>
    public string File(string relative, string? content = null)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content ?? $"image bytes of {relative}");
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
