using System.CommandLine;
using Winnow.Store;

namespace Winnow.Cli.Commands;

/// <summary>`winnow schedule`: prints the crontab line that runs `winnow run` every hour, as C4 runs its pipeline.</summary>
internal static class ScheduleCommand
{
    public static Command Build()
    {
        var job = new Option<string>("--job") { Description = "Job to score every hour.", DefaultValueFactory = _ => "drops" };
        var model = new Option<string?>("--model") { Description = "Model weights; default: the job's shipped model." };
        var db = DbOption.Create();
        var command = new Command("schedule", "Print the cron line for an hourly `winnow run` (add it with crontab -e).") { job, model, db };
        command.SetAction(p => CliErrors.Run(() =>
        {
            if (!JobNames.TryParse(p.GetValue(job), out var jobKind))
                throw new ArgumentException($"--job '{p.GetValue(job)}' is not a job; use drops, diffraction, classes or squares.");
            var database = p.GetValue(db) ?? ResultStore.DefaultDatabase;
            Console.WriteLine(CronLine(jobKind, p.GetValue(model), database));
            return 0;
        }));
        return command;
    }

    /// <summary>"0 * * * * cd REPO &amp;&amp; ./run run --job J --db DB …": absolute paths, since cron starts in the home folder.</summary>
    internal static string CronLine(JobKind job, string? model, string database)
    {
        var db = ResultStore.IsPostgres(database) ? database : Path.GetFullPath(database);
        var arguments = $"run --job {job.Name()} --db {Quote(db)}" + (model is null ? "" : $" --model {Quote(Path.GetFullPath(model))}") + " --json";
        var (folder, program) = RepositoryRoot() is { } root
            ? (root, "./run")
            : (Directory.GetCurrentDirectory(), RunCommand.WinnowOnNode());
        var logFolder = ResultStore.IsPostgres(database) ? folder : Path.GetDirectoryName(db)!;
        return $"0 * * * * cd {Quote(folder)} && {program} {arguments} >> {Quote(Path.Combine(logFolder, "winnow-cron.log"))} 2>&1";
    }

    // The checkout this winnow was built in, where ./run sets up and starts it.
    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "run")) && File.Exists(Path.Combine(dir.FullName, "Winnow.sln")))
                return dir.FullName;
        }
        return null;
    }

    private static string Quote(string word) => word.All(c => char.IsLetterOrDigit(c) || "/._-=+:,@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
