using System.Text.Json;

namespace Winnow.Cli.Commands;

/// <summary>How --json output is written: camelCase keys, indented for people who read it too.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
