using System.CommandLine;
using System.Globalization;
using Winnow.Pipeline.Run;
using Winnow.Pipeline.Watch;
using Winnow.Scoring.Common;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>`winnow watch FOLDER --job drops`: ingest and score inspections as an imager finishes writing them.</summary>
internal static class WatchCommand
{
    public static Command Build()
    {
        var folder = new Argument<string>("folder") { Description = "Folder the imager writes into (read only)." };
        var job = new Option<string>("--job") { Description = "What the images are: drops, diffraction, classes or squares.", Required = true };
        var model = new Option<string?>("--model") { Description = "Model weights; default: the job's shipped model." };
        var db = DbOption.Create();
        var settle = new Option<string>("--settle") { Description = "Quiet period after which an inspection is complete: 60s, 5m, or seconds.", DefaultValueFactory = _ => "60s" };
        var poll = new Option<string>("--poll") { Description = "How often to look at the folder.", DefaultValueFactory = _ => "10s" };
        var once = new Option<bool>("--once") { Description = "Look once, ingest and score what has settled, and stop." };
        var batch = new Option<int>("--batch") { Description = "Images per forward pass.", DefaultValueFactory = _ => 32 };
        var scratch = new Option<string>("--scratch") { Description = "Local folder for staged copies and checkpoints.", DefaultValueFactory = _ => RunOptions.DefaultScratch };
        var webhook = new Option<string?>("--webhook") { Description = "Slack-compatible webhook URL told when each scoring run ends." };
        var log = new Option<string?>("--log") { Description = "Rolling log file (default: winnow.log beside a SQLite database)." };
        var command = new Command("watch", "Ingest and score new inspections as they land in a folder.")
        {
            folder, job, model, db, settle, poll, once, batch, scratch, webhook, log,
        };
        command.SetAction(p => CliErrors.Run(() =>
        {
            if (!JobNames.TryParse(p.GetValue(job), out var jobKind))
                throw new ArgumentException($"--job '{p.GetValue(job)}' is not a job; use drops, diffraction, classes or squares.");
            var run = new RunOptions(jobKind, p.GetValue(model), p.GetValue(scratch)!, p.GetValue(batch));
            var options = new WatchOptions(p.GetValue(folder)!, Duration("--settle", p.GetValue(settle)!), Duration("--poll", p.GetValue(poll)!), run, p.GetValue(once));
            var database = p.GetValue(db) ?? ResultStore.DefaultDatabase;
            using var notices = RunCommand.Notices(p.GetValue(webhook), p.GetValue(log), database, shard: false);
            return WatchAsync(options, database, notices).GetAwaiter().GetResult();
        }));
        return command;
    }

    private static async Task<int> WatchAsync(WatchOptions options, string database, RunNotices notices)
    {
        await using var store = await ResultStore.OpenAsync(database);
        using var scorer = ScorerFactory.Create(options.Run.Job.Name(), options.Run.Weights, options.Run.BatchSize);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.WriteLine($"watching {Path.GetFullPath(options.Folder)} for {options.Run.Job.Name()} inspections (settled after {options.Settle.TotalSeconds:0} s quiet)");
        notices.Info($"watch {Path.GetFullPath(options.Folder)} ({options.Run.Job.Name()}), model {scorer.Card.Name} ({scorer.Card.Id})");
        var watcher = new FolderWatcher(store, scorer, options);
        try
        {
            await watcher.RunAsync(cycle =>
            {
                if (cycle.Run is { } run)
                {
                    Console.WriteLine($"{DateTime.Now:HH:mm:ss} {cycle.InspectionsIngested} inspections settled, {cycle.ImagesAdded} new images; " +
                        PipelineRunner.Summary(run) + $"; {cycle.InspectionsWaiting} still being written");
                    notices.RunEndedAsync(store, run.RunId).GetAwaiter().GetResult();
                }
                else if (options.Once)
                {
                    Console.WriteLine($"{DateTime.Now:HH:mm:ss} nothing settled; {cycle.InspectionsWaiting} inspections still being written");
                }
            }, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("stopped.");
        }
        return 0;
    }

    /// <summary>Parses 90, 90s, 5m or 1h; a wrong value names the option.</summary>
    internal static TimeSpan Duration(string option, string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, unit) = t.EndsWith("ms") ? (t[..^2], 0.001) : t.EndsWith('s') ? (t[..^1], 1.0) : t.EndsWith('m') ? (t[..^1], 60.0) : t.EndsWith('h') ? (t[..^1], 3600.0) : (t, 1.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            return TimeSpan.FromSeconds(value * unit);
        throw new ArgumentException($"{option} '{text}' is not a duration; write e.g. 60s, 5m or 1h.");
    }
}
