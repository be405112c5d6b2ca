using System.CommandLine;
using Spectre.Console;
using Winnow.Cli;

// `winnow` — one root command; each sub-command lives in its own file under Commands/.
// Piped or redirected output has no terminal width, and Spectre would wrap tables at 80 columns, splitting file paths
// across lines; COLUMNS (when exported) or a wide 200 keeps one row per image for grep, less and log files.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 200;
var root = new RootCommand("Winnow: score structural-biology images with deep learning.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return CliErrors.Run(() => root.Parse(args).Invoke());
