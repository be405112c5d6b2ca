using System.CommandLine;

namespace Winnow.Cli.Commands;

/// <summary>`winnow score JOB FILES…`: the parent; each job's sub-command lives in its own file (ScoreDiffractionCommand.cs, …).</summary>
internal static class ScoreCommand
{
    public static Command Build()
    {
        var command = new Command("score", "Score image files with a job's model (the shipped default unless --model).");
        foreach (var sub in Jobs()) command.Subcommands.Add(sub);
        return command;
    }

    // One line per job.
    private static IEnumerable<Command> Jobs()
    {
        yield return ScoreDiffractionCommand.Build();
        yield return ScoreDropsCommand.Build();
    }
}
