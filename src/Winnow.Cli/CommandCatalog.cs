using System.CommandLine;
using Winnow.Cli.Commands;

namespace Winnow.Cli;

/// <summary>The list of sub-commands; adding a command is adding one line here and one file in Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return EngineCommand.Build();
        yield return InspectCommand.Build();
        yield return IngestCommand.Build();
        yield return ImportScoresCommand.Build();
        yield return StatusCommand.Build();
        yield return DisagreementsCommand.Build();
        yield return SimulateCommand.Build();
        yield return RunCommand.Build();
        yield return WatchCommand.Build();
        yield return ScheduleCommand.Build();
        yield return TrainCommand.Build();
        yield return EvaluateCommand.Build();
        yield return CalibrateCommand.Build();
        yield return ScoreCommand.Build();
        yield return ModelsCommand.Build();
    }
}
