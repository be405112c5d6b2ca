using System.CommandLine;

namespace Winnow.Cli.Commands;

/// <summary>`--cache DIR`: where train, evaluate and calibrate drops keep decoded simulated sets, so each is simulated once.</summary>
internal static class DropsCacheOption
{
    public static Option<string> Create() => new("--cache")
    {
        Description = "Folder for the decoded simulated sets (simulated once, reused by train, evaluate and calibrate).",
        DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "winnow", "drops"),
    };
}
