using System.Text;

namespace Winnow.Pipeline.Ingest;

/// <summary>Splits and writes one line of RFC 4180 CSV: commas, fields in double quotes, "" for a quote inside one.</summary>
public static class CsvLine
{
    /// <summary>The fields of a line; null when a quoted field is not closed.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
            return null;
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Joins fields into a line, quoting those that need it.</summary>
    public static string Join(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{f.Replace("\"", "\"\"")}\"" : f));
}
