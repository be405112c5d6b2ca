using System.Text.Json;
using Spectre.Console;
using Winnow.Pipeline.Run;

namespace Winnow.Cli.Commands;

/// <summary>The end of `winnow run` and `winnow watch`: a one-screen summary for people, or one JSON object.</summary>
internal static class RunSummary
{
    public static void Print(RunReport r)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("model", Markup.Escape($"{r.ModelName} ({r.ModelId[..Math.Min(12, r.ModelId.Length)]})"));
        grid.AddRow("job", r.Job + (r.Shard is { } s ? $", shard {s}" : ""));
        grid.AddRow("unscored at start", r.Unscored.ToString());
        grid.AddRow("resumed from checkpoint", r.Resumed.ToString());
        grid.AddRow("scored by this run", r.Scored.ToString());
        if (r.Egress is { } e)
        {
            grid.AddRow("scores stored", e.Stored.ToString());
            if (e.AlreadyStored > 0)
                grid.AddRow("already stored", e.AlreadyStored.ToString());
            grid.AddRow("failed images", e.Failures.Count == 0 ? "0" : $"[red]{e.Failures.Count}[/]");
            grid.AddRow("classes", Markup.Escape(string.Join(", ", e.Classes.Select(c => $"{c.Key} {c.Value}"))));
        }
        else
        {
            grid.AddRow("egress", "left to the egress job (checkpointed)");
        }
        grid.AddRow("time", $"{r.Elapsed.TotalSeconds:0.0} s ({r.ImagesPerSecond:0.0} images/s)");
        AnsiConsole.Write(new Panel(grid).Header($"winnow run {r.RunId}"));
        if (r.Egress is { Failures.Count: > 0 } f)
        {
            foreach (var failure in f.Failures.Take(10))
                AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(failure.Reason)}");
            if (f.Failures.Count > 10)
                AnsiConsole.MarkupLine($"… and {f.Failures.Count - 10} more (winnow status lists them as failed).");
        }
    }

    public static string Json(RunReport r) => JsonSerializer.Serialize(new
    {
        run = r.RunId,
        job = r.Job,
        model = r.ModelId,
        modelName = r.ModelName,
        shard = r.Shard?.ToString(),
        unscored = r.Unscored,
        resumed = r.Resumed,
        scored = r.Scored,
        stored = r.Egress?.Stored,
        alreadyStored = r.Egress?.AlreadyStored,
        failed = r.Egress?.Failures.Select(f => new { image = f.ImageId, path = f.Path, reason = f.Reason }),
        classes = r.Egress?.Classes,
        seconds = r.Elapsed.TotalSeconds,
        imagesPerSecond = r.ImagesPerSecond,
    }, CliJson.Options);

    /// <summary>Runs the pipeline with Spectre progress bars (stage, score, egress), or quietly when output is not a terminal.</summary>
    public static async Task<RunReport> WithProgressAsync(PipelineRunner runner, bool quiet)
    {
        if (quiet || Console.IsOutputRedirected)
            return await runner.RunAsync();
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<RunStage, ProgressTask>();
                var progress = new SyncProgress(p =>
                {
                    if (p.Stage == RunStage.Find)
                        return;
                    if (!tasks.TryGetValue(p.Stage, out var task))
                        tasks[p.Stage] = task = context.AddTask(p.Stage.ToString().ToLowerInvariant(), maxValue: Math.Max(1, p.Total));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Total == 0 ? 1 : p.Done;
                });
                return await runner.RunAsync(progress);
            });
    }

    // Progress<T> posts to the thread pool and can arrive late; the bars want each report as it happens.
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        private readonly Lock _gate = new();

        public void Report(RunProgress value)
        {
            lock (_gate)
                report(value);
        }
    }
}
