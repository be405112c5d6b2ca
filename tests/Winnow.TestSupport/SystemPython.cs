namespace Winnow.TestSupport;

/// <summary>Debian's Python (/usr/bin/python3), which has torch, mrcfile, gemmi and dxtbx; runs inline scripts.</summary>
public static class SystemPython
{
    /// <summary>The interpreter (the python3 first on PATH lacks the packages).</summary>
    public const string Exe = ProcessRunner.SystemPython;

    /// <summary>True when <paramref name="module"/> imports.</summary>
    public static bool Has(string module) => File.Exists(Exe) && Run($"import {module}").Code == 0;

    /// <summary>Runs <c>python3 -c script args…</c>.</summary>
    public static (int Code, string Out, string Err) Run(string script, params string[] args) =>
        ProcessRunner.Run(Exe, new[] { "-c", script }.Concat(args), timeoutSeconds: 120);
}
