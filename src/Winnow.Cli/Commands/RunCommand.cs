using System.CommandLine;
using Spectre.Console;
using Winnow.Pipeline.Logging;
using Winnow.Pipeline.Notify;
using Winnow.Pipeline.Run;
using Winnow.Pipeline.Slurm;
using Winnow.Scoring.Common;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>`winnow run`: score every unscored image of a job, here (find → stage → score → checkpoint → egress → clean) or on Slurm.</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var job = new Option<string>("--job") { Description = "Job to score: drops, diffraction, classes or squares.", DefaultValueFactory = _ => "drops" };
        var model = new Option<string?>("--model") { Description = "Model weights (NAME.safetensors beside NAME.card.json); default: the job's shipped model." };
        var db = DbOption.Create();
        var batch = new Option<int>("--batch") { Description = "Images per forward pass and per checkpoint line.", DefaultValueFactory = _ => 32 };
        var scratch = new Option<string>("--scratch") { Description = "Local folder for staged copies and checkpoints.", DefaultValueFactory = _ => RunOptions.DefaultScratch };
        var concurrency = new Option<int>("--stage-concurrency") { Description = "Copies to scratch at once.", DefaultValueFactory = _ => 10 };
        var shard = new Option<string?>("--shard") { Description = "Score only shard i/N of the unscored images (used by the Slurm array)." };
        var noEgress = new Option<bool>("--no-egress") { Description = "Leave results in the checkpoint for a later egress (a Slurm shard)." };
        var egressOnly = new Option<bool>("--egress-only") { Description = "Only store what the checkpoints hold (the Slurm egress job)." };
        var runner = new Option<string>("--runner") { Description = "local (this process) or slurm (job array + egress job).", DefaultValueFactory = _ => "local" };
        var shards = new Option<int>("--shards") { Description = "Slurm: array tasks to split the unscored images into.", DefaultValueFactory = _ => 4 };
        var sbatch = new Option<string[]>("--sbatch") { Description = "Slurm: extra sbatch argument for every job (repeat it), e.g. --sbatch=--partition=gpu.", AllowMultipleArgumentsPerToken = false };
        var poll = new Option<double>("--poll") { Description = "Slurm: seconds between squeue polls.", DefaultValueFactory = _ => 5 };
        var webhook = new Option<string?>("--webhook") { Description = "Slack-compatible webhook URL told when the run ends (or fails)." };
        var log = new Option<string?>("--log") { Description = "Rolling log file (default: winnow.log beside a SQLite database, else here)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var command = new Command("run", "Score every image of a job that the model has not scored yet.")
        {
            job, model, db, batch, scratch, concurrency, shard, noEgress, egressOnly, runner, shards, sbatch, poll, webhook, log, json,
        };
        command.SetAction(p => CliErrors.Run(() =>
        {
            if (!JobNames.TryParse(p.GetValue(job), out var jobKind))
                throw new ArgumentException($"--job '{p.GetValue(job)}' is not a job; use drops, diffraction, classes or squares.");
            if (p.GetValue(batch) < 1 || p.GetValue(concurrency) < 1)
                throw new ArgumentException("--batch and --stage-concurrency must be at least 1.");
            var options = new RunOptions(jobKind, p.GetValue(model), p.GetValue(scratch)!, p.GetValue(batch), p.GetValue(concurrency),
                p.GetValue(shard) is { } s ? Shard.Parse(s) : null, Egress: !p.GetValue(noEgress), ScoreImages: !p.GetValue(egressOnly));
            var database = p.GetValue(db) ?? ResultStore.DefaultDatabase;
            var shardRun = options.Shard is not null || !options.Egress;
            using var notices = Notices(p.GetValue(webhook), p.GetValue(log), database, shardRun);
            return p.GetValue(runner) switch
            {
                "local" => RunLocalAsync(options, database, notices, p.GetValue(json)).GetAwaiter().GetResult(),
                "slurm" => RunSlurmAsync(options, database, notices, p.GetValue(shards), p.GetValue(sbatch) ?? [], p.GetValue(poll), p.GetValue(json))
                    .GetAwaiter().GetResult(),
                var other => throw new ArgumentException($"--runner '{other}' is not a runner; use local or slurm."),
            };
        }));
        return command;
    }

    /// <summary>The log and webhook of a run; a Slurm shard logs only when --log is given (many shards, one file).</summary>
    internal static RunNotices Notices(string? webhook, string? log, string database, bool shard)
    {
        Uri? url = null;
        if (webhook is not null && (!Uri.TryCreate(webhook, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            throw new ArgumentException($"--webhook '{webhook}' is not an http(s) URL.");
        var logPath = log ?? (shard ? null : ResultStore.IsPostgres(database)
            ? "winnow.log"
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database)) ?? ".", "winnow.log"));
        return new RunNotices(logPath is null ? null : new RollingFileLog(logPath), url is null ? null : new WebhookNotifier(url));
    }

    private static async Task<int> RunLocalAsync(RunOptions options, string database, RunNotices notices, bool json)
    {
        await using var store = await ResultStore.OpenAsync(database);
        IImageScorer scorer;
        try
        {
            scorer = ScorerFactory.Create(options.Job.Name(), options.Weights, options.BatchSize);
        }
        catch (Exception e) when (CliErrors.IsUserError(e))
        {
            await notices.FailedAsync(options.Job.Name(), e);
            throw;
        }
        using (scorer)
        {
            var runner = new PipelineRunner(store, scorer, options);
            notices.Info($"run {options.Job.Name()} with model {scorer.Card.Name} ({scorer.Card.Id}) on {store.Engine}{(options.Shard is { } s ? $", shard {s}" : "")}");
            RunReport report;
            try
            {
                report = await RunSummary.WithProgressAsync(runner, json);
            }
            catch (Exception e)
            {
                if (runner.RunId is { } id)
                    await notices.RunEndedAsync(store, id);
                else
                    await notices.FailedAsync(options.Job.Name(), e);
                throw;
            }
            await notices.RunEndedAsync(store, report.RunId);
            if (json)
                Console.WriteLine(RunSummary.Json(report));
            else
                RunSummary.Print(report);
            return 0;
        }
    }

    private static async Task<int> RunSlurmAsync(RunOptions options, string database, RunNotices notices, int shards, string[] sbatch, double poll, bool json)
    {
        if (shards < 1)
            throw new ArgumentException("--shards must be at least 1.");
        var weights = Path.GetFullPath(options.Weights ?? ModelFiles.DefaultWeights(options.Job.Name()));
        var card = ModelFiles.LoadCard(weights); // a missing model is an error here, not in every shard
        var db = ResultStore.IsPostgres(database) ? database : Path.GetFullPath(database);
        var scratch = Path.GetFullPath(options.Scratch);
        var plan = new SlurmPlan(options.Job, weights, db, scratch, options.BatchSize, options.StageConcurrency, shards,
            WinnowOnNode(), sbatch, TimeSpan.FromSeconds(poll));
        var folder = Path.Combine(scratch, "slurm", $"{options.Job.Name()}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        notices.Info($"slurm run {options.Job.Name()} with model {card.Name} ({card.Id}): {shards} shards, scripts and logs in {folder}");
        var runner = new SlurmRunner(plan, new SlurmClient());
        var report = json || Console.IsOutputRedirected
            ? await runner.RunAsync(folder)
            : await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("slurm shards", maxValue: shards);
                return await runner.RunAsync(folder, new Progress<(int Done, int Total, string Phase)>(p =>
                {
                    task.Description = $"slurm: {p.Phase}";
                    task.Value = p.Done;
                }));
            });
        await using var store = await ResultStore.OpenAsync(database);
        var summary = await store.GetSummaryAsync();
        var egressRun = (await store.GetRecentRunsAsync(20)).FirstOrDefault(r => r.Kind == "egress" && r.ModelId == card.Id);
        if (egressRun is not null)
            await notices.RunEndedAsync(store, egressRun.Id);
        if (!report.Succeeded)
            await notices.FailedAsync(options.Job.Name(), new IOException(
                $"Slurm run: shards {string.Join(", ", report.FailedShards)} failed twice, egress {report.EgressState}; logs in {folder}"));
        if (json)
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                arrayJob = report.ArrayJobId,
                retryJob = report.RetryJobId,
                egressJob = report.EgressJobId,
                shards = report.Shards,
                retried = report.Retried,
                failedShards = report.FailedShards,
                egress = report.EgressState,
                succeeded = report.Succeeded,
                logs = folder,
                images = summary.Images,
                scored = summary.Scored,
                unscored = summary.Unscored,
                failed = summary.Failed,
            }, CliJson.Options));
        }
        else
        {
            AnsiConsole.MarkupLine($"Slurm array {report.ArrayJobId} ({report.Shards} shards), egress job {report.EgressJobId}: [bold]{Markup.Escape(report.EgressState)}[/]");
            if (report.Retried.Count > 0)
                AnsiConsole.MarkupLine($"retried shards {string.Join(", ", report.Retried)} as job {report.RetryJobId}");
            if (report.FailedShards.Count > 0)
                AnsiConsole.MarkupLine($"[red]shards {string.Join(", ", report.FailedShards)} failed twice[/]; logs in {Markup.Escape(folder)}");
            AnsiConsole.MarkupLine($"store: {summary.Images} images, {summary.Scored} scored, {summary.Unscored} unscored, {summary.Failed} failed.");
        }
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>The shell words that start this same winnow on a compute node: the apphost, or dotnet and winnow.dll.</summary>
    internal static string WinnowOnNode()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(RunCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{SlurmQuote(process)} {SlurmQuote(dll)}"
            : SlurmQuote(process);
    }

    private static string SlurmQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
