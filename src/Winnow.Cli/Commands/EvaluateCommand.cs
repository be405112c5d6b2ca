using System.CommandLine;

namespace Winnow.Cli.Commands;

/// <summary>`winnow evaluate JOB …`: the parent; each job's sub-command lives in its own file (EvaluateDiffractionCommand.cs, …).</summary>
internal static class EvaluateCommand
{
    public static Command Build()
    {
        var command = new Command("evaluate", "Measure a model on held-out data and write the metrics into its card.");
        foreach (var sub in Jobs()) command.Subcommands.Add(sub);
        return command;
    }

    // One line per job.
    private static IEnumerable<Command> Jobs()
    {
        yield return EvaluateDiffractionCommand.Build();
        yield return EvaluateDropsCommand.Build();
    }
}
