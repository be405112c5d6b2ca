namespace Winnow.Pipeline.Tests;

/// <summary>The real sample files in ../shared/data, found from the test's output folder upwards; read only.</summary>
internal static class SharedData
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", name), Path.Combine(dir.FullName, "..", "shared", "data", name) })
            {
                if (Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException($"shared/data/{name} was not found above {AppContext.BaseDirectory}; the tests need the shared sample data beside the repository.");
    }
}

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
