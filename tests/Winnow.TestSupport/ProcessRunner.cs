using System.Diagnostics;

namespace Winnow.TestSupport;

/// <summary>Runs a program to completion and returns its exit code and output; kills it after a time limit.</summary>
public static class ProcessRunner
{
    /// <summary>Debian's Python, which has torch, mrcfile, gemmi and dxtbx (the python3 first on PATH does not).</summary>
    public const string SystemPython = "/usr/bin/python3";

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>.</summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 300)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {timeoutSeconds} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the `winnow` CLI built beside the test assembly.</summary>
    public static (int Code, string Out, string Err) Winnow(params string[] args) =>
        Run("dotnet", new[] { System.IO.Path.Combine(AppContext.BaseDirectory, "winnow.dll") }.Concat(args));
}
