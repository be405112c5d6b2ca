using System.CommandLine;

namespace Winnow.Cli.Commands;

/// <summary>`winnow train JOB …`: the parent; each job's sub-command lives in its own file (TrainDiffractionCommand.cs, …).</summary>
internal static class TrainCommand
{
    public static Command Build()
    {
        var command = new Command("train", "Train a job's model and write weights + model card.");
        foreach (var sub in Jobs()) command.Subcommands.Add(sub);
        return command;
    }

    // One line per job.
    private static IEnumerable<Command> Jobs()
    {
        yield return TrainDiffractionCommand.Build();
        yield return TrainDropsCommand.Build();
    }
}
