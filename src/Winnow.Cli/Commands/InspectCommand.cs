using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Winnow.Formats.Inspection;

namespace Winnow.Cli.Commands;

/// <summary>`winnow inspect FILE…`: a one-screen summary of any supported file, or one JSON object per file with --json.</summary>
internal static class InspectCommand
{
    public static Command Build()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "MRC/MRCS, STAR, CBF or SMV files (optionally .gz or .bz2).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file (keys as mrcfile, gemmi and dxtbx report them)." };
        var command = new Command("inspect", "Summarise scientific image and metadata files.") { files, json };
        command.SetAction(parseResult =>
        {
            bool asJson = parseResult.GetValue(json);
            int failed = 0;
            foreach (var file in parseResult.GetValue(files) ?? [])
            {
                JsonObject summary;
                try
                {
                    summary = Inspector.Inspect(file.FullName);
                }
                catch (Exception e) when (CliErrors.IsUserError(e))
                {
                    // One clear line for the bad file; the others still get inspected.
                    failed++;
                    Console.Error.WriteLine($"winnow inspect: {e.Message}");
                    continue;
                }
                summary["file"] = file.ToString();
                if (asJson) Console.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
                else Show(summary);
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static void Show(JsonObject s)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("key").AddColumn("value");
        table.Title = new TableTitle($"[bold]{Markup.Escape((string?)s["file"] ?? "")}[/] ({Markup.Escape((string?)s["kind"] ?? "")})");
        foreach (var (key, value) in s)
        {
            if (key is "file" or "kind" or "blocks") continue;
            table.AddRow(Markup.Escape(key), Markup.Escape(Compact(value)));
        }
        if (s["blocks"] is JsonArray blocks)
            foreach (var b in blocks)
            {
                var loops = b!["loops"]!.AsArray().Select(l => $"loop of {l!["tags"]!.AsArray().Count} columns × {l["rows"]} rows");
                var pairs = b["pairs"]!.AsObject().Count;
                table.AddRow($"data_{Markup.Escape((string)b["name"]!)}", Markup.Escape(string.Join(", ", new[] { $"{pairs} pairs" }.Concat(loops))));
            }
        AnsiConsole.Write(table);
    }

    private static string Compact(JsonNode? v)
    {
        if (v is JsonObject o) return string.Join("  ", o.Select(kv => $"{kv.Key}={Compact(kv.Value)}"));
        if (v is JsonArray a) return "[" + string.Join(", ", a.Select(Compact)) + "]";
        if (v is JsonValue sv && sv.TryGetValue(out string? str)) return str.Length > 100 ? str[..100] + "…" : str;
        if (v is JsonValue jv && jv.TryGetValue(out double d)) return d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        var text = v?.ToJsonString() ?? "null";
        return text.Length > 100 ? text[..100] + "…" : text;
    }
}
