using System.Globalization;

namespace Winnow.Formats.Cbf;

/// <summary>The "# Key value unit" lines of a miniCBF _array_data.header_contents (PILATUS_1.2 convention).</summary>
internal sealed class PilatusHeader
{
    private readonly Dictionary<string, string> _items = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every item, key without the trailing colon, value as written.</summary>
    public IReadOnlyDictionary<string, string> Items => _items;

    public static PilatusHeader Parse(string contents)
    {
        var h = new PilatusHeader();
        foreach (var rawLine in contents.Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith('#')) continue;
            line = line.TrimStart('#').Trim();
            if (line.Length == 0) continue;
            int sp = line.IndexOfAny([' ', '\t', '=']);
            string key = (sp < 0 ? line : line[..sp]).TrimEnd(':');
            string value = sp < 0 ? "" : line[(sp + 1)..].Trim().TrimStart('=', ':').Trim();
            // The first line is a timestamp ("2019-09-11T13:20:28.989") with no key; keep it under "Timestamp".
            if (key.Length > 0 && char.IsDigit(key[0])) { h._items.TryAdd("Timestamp", line); continue; }
            h._items.TryAdd(key, value);
        }
        return h;
    }

    /// <summary>The numbers in item <paramref name="key"/> ("(1261.61, 1306.96) pixels" gives two), empty when absent.</summary>
    public double[] Numbers(string key)
    {
        if (!_items.TryGetValue(key, out var v)) return [];
        var parts = v.Split([' ', '\t', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
        var list = new List<double>();
        foreach (var p in parts)
            if (double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) list.Add(d);
        return [.. list];
    }

    /// <summary>The first number of item <paramref name="key"/>, or null.</summary>
    public double? Number(string key) => Numbers(key) is { Length: > 0 } n ? n[0] : null;

    /// <summary>True when the item exists.</summary>
    public bool Has(string key) => _items.ContainsKey(key);
}
