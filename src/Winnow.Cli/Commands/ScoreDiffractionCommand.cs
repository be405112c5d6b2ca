using System.CommandLine;
using Spectre.Console;
using Winnow.Scoring.Diffraction;
using Winnow.Torch;

namespace Winnow.Cli.Commands;

/// <summary>`winnow score diffraction FILES… [--json] [--model W] [--bf16]`: class, probability and resolution per detector image.</summary>
internal static class ScoreDiffractionCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Detector images (miniCBF, SMV; .gz/.bz2 too).", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "Weights file (NAME.safetensors beside NAME.card.json); the shipped default if left out." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per image: file, class, probabilities, resolution_A, model." };
        var bf16 = new Option<bool>("--bf16") { Description = "Run the network in bfloat16: about twice as fast on CPUs with AVX-512 BF16 or AMX, scores within about 1 % of float32." };
        var command = new Command("diffraction", "Triage diffraction shots: blank / single / multi-lattice and resolution in Å.") { files, model, json, bf16 };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var precision = parse.GetValue(bf16) ? ScalarType.BFloat16 : ScalarType.Float32;
            BFloat16Warning.BeforeRun(precision, "the network scores");
            using var scorer = new DiffractionScorer(parse.GetValue(model), precision: precision);
            var paths = parse.GetValue(files)!;
            bool asJson = parse.GetValue(json);
            var table = new Table().AddColumns("file", "class", "p", "resolution (Å)", "spots", "lattice coherence");
            int failed = 0;
            // A batch at a time (one forward pass each), each result printed as soon as its batch is done.
            foreach (var s in paths.Chunk(scorer.BatchSize).SelectMany(scorer.Score))
            {
                if (!s.Ok)
                {
                    Console.Error.WriteLine($"winnow: {s.Error}");
                    failed++;
                    continue;
                }
                if (asJson)
                {
                    var o = DiffractionScorer.ToJson(s);
                    Console.WriteLine(o.ToJsonString());
                }
                else
                {
                    table.AddRow(Markup.Escape(s.File), s.Class!, $"{s.Probabilities[s.Class!]:0.000}", s.Value is double d ? $"{d:0.00}" : "–",
                        s.Measures.TryGetValue("spots", out var n) ? $"{n:0}" : "–", s.Measures.TryGetValue("lattice_coherence", out var c) ? $"{c:0.00}" : "–");
                }
            }
            if (!asJson)
            {
                AnsiConsole.Write(table);
                Console.WriteLine($"{paths.Length - failed} of {paths.Length} images scored with {scorer.Card.Name} ({scorer.Card.Id[..Math.Min(12, scorer.Card.Id.Length)]}){(failed > 0 ? $"; {failed} could not be read" : "")}.");
            }
            return failed > 0 ? 1 : 0;
        }));
        return command;
    }
}
