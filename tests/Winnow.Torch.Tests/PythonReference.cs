using System.Diagnostics;

namespace Winnow.Torch.Tests;

/// <summary>Runs the reference scripts with Debian's Python (which has torch), failing the test with their stderr.</summary>
internal static class PythonReference
{
    public const string Interpreter = "/usr/bin/python3";

    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "Python");

    public static void Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = ScriptDirectory };
        info.ArgumentList.Add(Path.Combine(ScriptDirectory, script));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {stderr.Result}");
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "winnow-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
