using System.Globalization;

namespace Winnow.Formats.Cbf;

/// <summary>The MIME header of a CBF binary section: compression, element type, byte order, sizes.</summary>
internal sealed record MimeHeader(
    string Conversions, long BinarySize, string ElementType, string ByteOrder, long Elements, long Fast, long Slow, long Third)
{
    public static MimeHeader Parse(IEnumerable<string> lines, Func<string, Exception> error)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var raw in lines)
        {
            // Continuation lines (conversions="..." under Content-Type) start with whitespace.
            if (raw.Length > 0 && char.IsWhiteSpace(raw[0]) && last is not null) { d[last] += " " + raw.Trim(); continue; }
            int c = raw.IndexOf(':');
            if (c <= 0) continue;
            last = raw[..c].Trim();
            d[last] = raw[(c + 1)..].Trim();
        }
        long Num(string key, bool required)
        {
            if (!d.TryGetValue(key, out var v)) return required ? throw error($"binary section has no {key}") : 0;
            if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                throw error($"{key} '{v}' is not a number");
            return n;
        }
        string conv = "";
        if (d.TryGetValue("Content-Type", out var ct))
        {
            int i = ct.IndexOf("conversions=", StringComparison.OrdinalIgnoreCase);
            if (i >= 0) conv = ct[(i + 12)..].Trim().Trim('"', ';').Trim('"');
        }
        return new MimeHeader(
            conv,
            Num("X-Binary-Size", true),
            d.GetValueOrDefault("X-Binary-Element-Type", "signed 32-bit integer").Trim('"'),
            d.GetValueOrDefault("X-Binary-Element-Byte-Order", "LITTLE_ENDIAN"),
            Num("X-Binary-Number-of-Elements", true),
            Num("X-Binary-Size-Fastest-Dimension", true),
            Num("X-Binary-Size-Second-Dimension", true),
            Num("X-Binary-Size-Third-Dimension", false));
    }
}
