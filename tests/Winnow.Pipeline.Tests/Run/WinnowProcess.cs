using System.Diagnostics;

namespace Winnow.Pipeline.Tests.Run;

/// <summary>The real `winnow` command, started as its own process (dotnet winnow.dll …), as people and cron start it.</summary>
internal static class WinnowProcess
{
    /// <summary>winnow.dll of the same configuration as the tests, built beside them in src/Winnow.Cli.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var dll = Path.Combine(dir.FullName, "src", "Winnow.Cli", "bin", configuration, "net10.0", "winnow.dll");
                if (File.Exists(dll))
                    return dll;
            }
            throw new FileNotFoundException($"winnow.dll ({configuration}) not found above {AppContext.BaseDirectory}; build src/Winnow.Cli.");
        }
    }

    /// <summary>Starts winnow with these arguments, output captured.</summary>
    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>Runs winnow to the end; returns its exit code and output.</summary>
    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
