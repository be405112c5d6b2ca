namespace Winnow.Pipeline.Slurm;

/// <summary>
/// The Slurm runner: a job array scores shards of the unscored images (each `winnow run --shard i/N --no-egress`),
/// an egress job chained with --dependency=afterok stores them all in one transaction. Progress comes from squeue;
/// final states from sacct (or scontrol). Shards that fail are submitted once more; if they fail again they are
/// reported, and what the other shards scored is still egressed.
/// </summary>
public sealed class SlurmRunner(SlurmPlan plan, SlurmClient slurm)
{
    /// <summary>Submits, follows and reports the run; <paramref name="progress"/> hears (shards finished, shards, phase).</summary>
    public async Task<SlurmReport> RunAsync(string folder, IProgress<(int Done, int Total, string Phase)>? progress = null, CancellationToken ct = default)
    {
        var (shardScript, egressScript) = SlurmScripts.Write(plan, folder);
        var log = Path.Combine(folder, "%x-%A_%a.out");
        var common = plan.Sbatch.Concat(["--chdir", Directory.GetCurrentDirectory()]).ToArray();
        var name = $"winnow-{plan.Job.ToString().ToLowerInvariant()}";
        var arrayId = slurm.Submit(shardScript, [.. common, "--job-name", name, "--array", $"0-{plan.Shards - 1}", "--output", log]);
        var egressId = slurm.Submit(egressScript, [.. common, "--job-name", name + "-egress", "--output", Path.Combine(folder, "%x-%j.out"),
            "--dependency", $"afterok:{arrayId}"]);
        var failed = await WaitForArrayAsync(arrayId, Enumerable.Range(0, plan.Shards).ToList(), "scoring", progress, ct);
        string? retryId = null;
        var retried = failed;
        if (failed.Count > 0)
        {
            // afterok can no longer be met: the first egress job would wait for ever.
            slurm.Cancel(egressId);
            retryId = slurm.Submit(shardScript, [.. common, "--job-name", name + "-retry", "--array", string.Join(',', failed), "--output", log]);
            failed = await WaitForArrayAsync(retryId, failed, "retrying failed shards", progress, ct);
            // Shards that failed twice are reported; the others' results are stored all the same.
            egressId = slurm.Submit(egressScript, [.. common, "--job-name", name + "-egress", "--output", Path.Combine(folder, "%x-%j.out"),
                "--dependency", $"{(failed.Count == 0 ? "afterok" : "afterany")}:{retryId}"]);
        }
        progress?.Report((plan.Shards - failed.Count, plan.Shards, "egress"));
        var egressState = await WaitForJobAsync(egressId, ct);
        return new SlurmReport(arrayId, retryId, egressId, plan.Shards, retried, failed, egressState);
    }

    /// <summary>Polls squeue until the array has left the queue; returns the shards that did not complete.</summary>
    private async Task<List<int>> WaitForArrayAsync(string jobId, List<int> shards, string phase, IProgress<(int, int, string)>? progress, CancellationToken ct)
    {
        while (true)
        {
            var queued = slurm.Queued(jobId);
            progress?.Report((plan.Shards - Math.Min(queued.Count, shards.Count), plan.Shards, phase));
            if (queued.Count == 0)
                break;
            await Task.Delay(plan.Poll, ct);
        }
        var finished = slurm.Finished(jobId).Where(t => t.ArrayTask is not null).ToDictionary(t => t.ArrayTask!.Value, t => t);
        return shards.Where(s => !finished.TryGetValue(s, out var t) || !t.Completed).ToList();
    }

    private async Task<string> WaitForJobAsync(string jobId, CancellationToken ct)
    {
        while (slurm.Queued(jobId).Count > 0)
            await Task.Delay(plan.Poll, ct);
        return slurm.Finished(jobId).FirstOrDefault()?.State ?? "UNKNOWN";
    }
}
