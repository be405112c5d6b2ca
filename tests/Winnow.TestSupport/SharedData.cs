using System.Text.Json.Nodes;

namespace Winnow.TestSupport;

/// <summary>The real sample files in ../shared/data (or $WINNOW_SHARED_DATA) and their reference.json; read only.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Dir = new(Locate);
    private static readonly Lazy<JsonObject> Ref = new(() => JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Dir.Value, "reference.json")))!.AsObject());

    /// <summary>The data folder.</summary>
    public static string Root => Dir.Value;

    /// <summary>reference.json: what the field's readers report for each file.</summary>
    public static JsonObject Reference => Ref.Value;

    /// <summary>The full path of a file given relative to the data folder ("diffraction/x.cbf").</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("WINNOW_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(System.IO.Path.Combine(env, "reference.json"))) return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = System.IO.Path.Combine(d.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "reference.json"))) return candidate;
        }
        throw new InvalidOperationException("shared test data not found: set WINNOW_SHARED_DATA or place it at ../shared/data beside the repository");
    }
}
