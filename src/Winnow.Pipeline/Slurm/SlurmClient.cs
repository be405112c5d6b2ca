using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Slurm;

/// <summary>A Slurm job's (or array task's) state as squeue/sacct/scontrol name it: PENDING, RUNNING, COMPLETED, FAILED, …</summary>
public sealed record SlurmTask(string JobId, int? ArrayTask, string State)
{
    /// <summary>True when the task finished successfully.</summary>
    public bool Completed => State.StartsWith("COMPLETED", StringComparison.Ordinal);
}

/// <summary>
/// The Slurm commands the runner uses (sbatch, squeue, sacct, scontrol, scancel), run as processes. sacct needs
/// accounting storage; where a cluster has none, finished jobs are read from scontrol while the controller keeps them.
/// </summary>
public sealed partial class SlurmClient
{
    /// <summary>Submits a batch script with extra sbatch arguments; returns the job id.</summary>
    public string Submit(string script, params string[] arguments)
    {
        var output = Run("sbatch", ["--parsable", .. arguments, script]);
        return output.Trim().Split(';')[0];
    }

    /// <summary>Tasks of a job still in the queue (pending, running, completing).</summary>
    public IReadOnlyList<SlurmTask> Queued(string jobId) =>
        Run("squeue", ["-h", "-r", "-j", jobId, "-o", "%i %T"], allowFailure: true)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => Task(parts[0], parts[1]))
            .ToList();

    /// <summary>Final states of a job's tasks, from sacct or, without accounting, from scontrol.</summary>
    public IReadOnlyList<SlurmTask> Finished(string jobId)
    {
        try
        {
            var rows = Run("sacct", ["-n", "-P", "-X", "-j", jobId, "-o", "JobID,State"])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('|'))
                .Where(parts => parts.Length == 2)
                .Select(parts => Task(parts[0], parts[1].Split(' ')[0]))
                .ToList();
            if (rows.Count > 0)
                return rows;
        }
        catch (IOException)
        {
            // No accounting storage on this cluster: fall through to scontrol.
        }
        return Run("scontrol", ["show", "job", "-o", jobId])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Id: Field(line, "JobId"), Task: Field(line, "ArrayTaskId"), State: Field(line, "JobState")))
            .Where(f => f.Id is not null && f.State is not null)
            .Select(f => new SlurmTask(f.Id!, int.TryParse(f.Task, out var t) ? t : null, f.State!))
            .ToList();
    }

    /// <summary>Cancels a job (no error when it has already ended).</summary>
    public void Cancel(string jobId) => Run("scancel", [jobId], allowFailure: true);

    private static SlurmTask Task(string id, string state)
    {
        var m = ArrayTaskId().Match(id);
        return m.Success ? new SlurmTask(m.Groups[1].Value, int.Parse(m.Groups[2].Value), state) : new SlurmTask(id, null, state);
    }

    private static string? Field(string line, string name)
    {
        var m = Regex.Match(line, $@"(?:^|\s){name}=(\S+)");
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string Run(string program, IEnumerable<string> arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"Cannot run {program} ({e.Message}); install Slurm's client commands or use the local runner.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 && !allowFailure)
                throw new IOException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {stderr.Result.Trim()}");
            return stdout;
        }
    }

    // Array tasks appear as 123_4 (squeue -r, sacct) — job 123, task 4.
    [GeneratedRegex(@"^(\d+)_(\d+)$")]
    private static partial Regex ArrayTaskId();
}
