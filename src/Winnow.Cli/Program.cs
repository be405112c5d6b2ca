using System.CommandLine;
using Winnow.Cli;

// `winnow` — one root command; each sub-command lives in its own file under Commands/.
var root = new RootCommand("Winnow: score structural-biology images with deep learning.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return CliErrors.Run(() => root.Parse(args).Invoke());
