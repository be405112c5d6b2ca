using System.Text.Json.Nodes;

namespace Winnow.Formats.Tests;

/// <summary>Finds ../shared/data (or $WINNOW_SHARED_DATA) and its reference.json.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Dir = new(Locate);
    private static readonly Lazy<JsonObject> Ref = new(() => JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Dir.Value, "reference.json")))!.AsObject());

    public static string Root => Dir.Value;

    public static JsonObject Reference => Ref.Value;

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

    /// <summary>The files the readers in Winnow.Formats must match (raster folders come later).</summary>
    public static IEnumerable<string> FormatFiles() =>
        Reference.Select(kv => kv.Key).Where(k => k.StartsWith("mrc/") || k.StartsWith("star/") || k.StartsWith("diffraction/")).Order();

    /// <summary>Every file on disk in the format folders, to catch files missing from reference.json.</summary>
    public static IEnumerable<string> FilesOnDisk() =>
        new[] { "mrc", "star", "diffraction" }.SelectMany(d => Directory.EnumerateFiles(Path(d)).Select(f => d + "/" + System.IO.Path.GetFileName(f)));
}

/// <summary>Runs the system Python that has mrcfile, gemmi and dxtbx installed.</summary>
internal static class SystemPython
{
    public const string Exe = "/usr/bin/python3";

    public static bool Has(string module) => File.Exists(Exe) && Run($"import {module}").Code == 0;

    public static (int Code, string Out, string Err) Run(string script, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(Exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException("python timed out"); }
        return (p.ExitCode, o.Result, e.Result);
    }
}
