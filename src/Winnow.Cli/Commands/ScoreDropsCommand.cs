using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;

namespace Winnow.Cli.Commands;

/// <summary>`winnow score drops FILES… [--json] [--model ID|PATH]`: MARCO class, probabilities and crystal/clear flags per photograph.</summary>
internal static class ScoreDropsCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Drop photographs (JPEG, PNG, TIFF, BMP).", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "Weights file, or the id or name of a model imported with `winnow models import`; the shipped default if left out." };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Folder of imported models (default ~/.winnow/models)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per image: file, class, probabilities, flags, model." };
        var command = new Command("drops", "Score crystallisation-drop photographs: Crystals / Precipitate / Clear / Other and the crystal and clear flags.") { files, model, modelsDir, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            using var scorer = DropsScorer.Open(ModelLocator.Resolve(parse.GetValue(model), parse.GetValue(modelsDir)));
            BFloat16Warning.BeforeRun(scorer.Card.InferenceType(), $"{scorer.Card.Name} scores");
            var paths = parse.GetValue(files)!;
            var asJson = parse.GetValue(json);
            var table = new Table().AddColumns("file", "class", "p", "crystal", "clear");
            var failed = 0;
            // One batch at a time, printed as soon as it is scored.
            foreach (var chunk in paths.Chunk(scorer.BatchSize))
            {
                foreach (var s in scorer.Score(chunk))
                {
                    if (!s.Ok)
                    {
                        Console.Error.WriteLine($"winnow: {s.Error}");
                        failed++;
                        continue;
                    }
                    if (asJson)
                        Console.WriteLine(ToJson(s).ToJsonString());
                    else
                        table.AddRow(Markup.Escape(s.File), s.Class!, $"{s.Probabilities[s.Class!]:0.000}", s.Flags.GetValueOrDefault("crystal") ? "yes" : "no", s.Flags.GetValueOrDefault("clear") ? "yes" : "no");
                }
            }
            if (!asJson)
            {
                AnsiConsole.Write(table);
                Console.WriteLine($"{paths.Length - failed} of {paths.Length} photographs scored with {scorer.Card.Name} ({scorer.Card.Id[..Math.Min(12, scorer.Card.Id.Length)]}){(failed > 0 ? $"; {failed} could not be read" : "")}.");
            }
            return failed > 0 ? 1 : 0;
        }));
        return command;
    }

    /// <summary>The --json object of one image.</summary>
    public static JsonObject ToJson(ImageScore s)
    {
        var probabilities = new JsonObject();
        foreach (var (k, v) in s.Probabilities) probabilities[k] = Math.Round(v, 6);
        var flags = new JsonObject();
        foreach (var (k, v) in s.Flags) flags[k] = v;
        return new JsonObject { ["file"] = s.File, ["class"] = s.Class, ["probabilities"] = probabilities, ["flags"] = flags, ["model"] = s.ModelId };
    }
}
