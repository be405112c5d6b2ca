using System.CommandLine;
using Spectre.Console;
using Winnow.Scoring.Common;

namespace Winnow.Cli.Commands;

/// <summary>`winnow models import MODEL.pt --card CARD.json` and `winnow models list`: a lab's own TorchScript classifiers.</summary>
internal static class ModelsCommand
{
    public static Command Build()
    {
        var command = new Command("models", "Register and list imported models (TorchScript exported from PyTorch).");
        command.Subcommands.Add(BuildImport());
        command.Subcommands.Add(BuildList());
        return command;
    }

    private static Option<string?> ModelsDir() => new("--models-dir") { Description = "Folder of imported models (default ~/.winnow/models)." };

    private static Command BuildImport()
    {
        var model = new Argument<string>("model") { Description = "TorchScript file (torch.jit.trace/script(...).save(...))." };
        var card = new Option<string>("--card") { Description = "Model card JSON: job, classes (output order), input channels/height/width/mean/std, thresholds.", Required = true };
        var dir = ModelsDir();
        var command = new Command("import", "Check and register a TorchScript classifier so `winnow score … --model ID` runs it.") { model, card, dir };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var stored = ModelImport.Import(r.GetValue(model)!, r.GetValue(card)!, r.GetValue(dir) ?? ModelLocator.DefaultModelsDir);
            var loaded = ModelFiles.LoadCard(stored);
            Console.WriteLine($"imported {loaded.Name} ({loaded.Job}, {loaded.Classes.Count} classes) as {Path.GetFileNameWithoutExtension(stored)} in {Path.GetDirectoryName(stored)}; score with --model {Path.GetFileNameWithoutExtension(stored)}");
            return 0;
        }));
        return command;
    }

    private static Command BuildList()
    {
        var dir = ModelsDir();
        var command = new Command("list", "List imported models.") { dir };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var folder = r.GetValue(dir) ?? ModelLocator.DefaultModelsDir;
            var table = new Table().AddColumns("id", "name", "job", "classes");
            if (Directory.Exists(folder))
            {
                foreach (var path in Directory.EnumerateFiles(folder, "*.card.json").Order())
                {
                    var c = ModelCard.Load(path);
                    table.AddRow(Path.GetFileName(path)[..^".card.json".Length], Markup.Escape(c.Name), c.Job, string.Join(", ", c.Classes));
                }
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
