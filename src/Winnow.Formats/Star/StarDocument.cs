using System.Globalization;

namespace Winnow.Formats.Star;

/// <summary>A STAR file: its data_ blocks in file order.</summary>
public sealed class StarDocument
{
    /// <summary>The blocks in file order.</summary>
    public List<StarBlock> Blocks { get; } = [];

    /// <summary>The block called <paramref name="name"/> (without "data_"), or null.</summary>
    public StarBlock? Find(string name) => Blocks.FirstOrDefault(b => b.Name == name);

    /// <summary>The block called <paramref name="name"/>; throws KeyNotFoundException when absent.</summary>
    public StarBlock this[string name] => Find(name) ?? throw new KeyNotFoundException($"no data_{name} block");
}

/// <summary>One data_ block: key–value pairs and loops, each in file order.</summary>
public sealed class StarBlock(string name)
{
    /// <summary>The name after "data_" (empty for a bare "data_").</summary>
    public string Name { get; } = name;

    /// <summary>Key–value pairs as raw tokens (quotes kept, as gemmi keeps them).</summary>
    public List<KeyValuePair<string, string>> Pairs { get; } = [];

    /// <summary>The loops of this block.</summary>
    public List<StarLoop> Loops { get; } = [];

    /// <summary>The raw value of pair <paramref name="tag"/>, or null.</summary>
    public string? GetRaw(string tag)
    {
        foreach (var p in Pairs)
            if (p.Key == tag) return p.Value;
        return null;
    }

    /// <summary>The value of pair <paramref name="tag"/> with quotes removed, or null.</summary>
    public string? GetString(string tag) => GetRaw(tag) is { } raw ? StarValue.Unquote(raw) : null;

    /// <summary>The value of pair <paramref name="tag"/> as a double; throws FormatException when it is not a number.</summary>
    public double GetDouble(string tag) => StarValue.ToDouble(GetRaw(tag) ?? throw new KeyNotFoundException($"no pair {tag} in data_{Name}"), tag);

    /// <summary>The first loop holding <paramref name="tag"/>, or null.</summary>
    public StarLoop? FindLoop(string tag) => Loops.FirstOrDefault(l => l.IndexOf(tag) >= 0);
}

/// <summary>A loop_: tag names and rows of raw value tokens.</summary>
public sealed class StarLoop
{
    private readonly List<string> _values = [];

    /// <summary>Creates a loop with the given column tags.</summary>
    public StarLoop(IEnumerable<string> tags)
    {
        Tags = [.. tags];
        if (Tags.Count == 0) throw new ArgumentException("a loop needs at least one tag", nameof(tags));
    }

    /// <summary>Column tags, e.g. "_rlnImageName".</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => _values.Count / Tags.Count;

    /// <summary>Raw token at <paramref name="row"/>, <paramref name="column"/>.</summary>
    public string this[int row, int column] => _values[row * Tags.Count + column];

    /// <summary>Index of <paramref name="tag"/> among the columns, or -1.</summary>
    public int IndexOf(string tag)
    {
        for (int i = 0; i < Tags.Count; i++)
            if (string.Equals(Tags[i], tag, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Appends a row of raw tokens (quote with <see cref="StarValue.Quote"/> where needed).</summary>
    public void AddRow(params string[] values)
    {
        if (values.Length != Tags.Count) throw new ArgumentException($"row has {values.Length} values; loop has {Tags.Count} tags", nameof(values));
        _values.AddRange(values);
    }

    /// <summary>Row <paramref name="row"/> as raw tokens.</summary>
    public string[] Row(int row)
    {
        var r = new string[Tags.Count];
        _values.CopyTo(row * Tags.Count, r, 0, Tags.Count);
        return r;
    }

    /// <summary>Typed access to the column called <paramref name="tag"/>.</summary>
    public StarColumn Column(string tag)
    {
        int i = IndexOf(tag);
        if (i < 0) throw new KeyNotFoundException($"loop has no column {tag}");
        return new StarColumn(this, i, Tags[i]);
    }

    internal void AddValue(string raw) => _values.Add(raw);

    internal int ValueCount => _values.Count;
}

/// <summary>One column of a loop, read as strings, numbers or image references.</summary>
public readonly struct StarColumn(StarLoop loop, int index, string tag)
{
    /// <summary>The column's tag.</summary>
    public string Tag => tag;

    /// <summary>Number of values (rows of the loop).</summary>
    public int Count => loop.RowCount;

    /// <summary>Unquoted string at <paramref name="row"/>.</summary>
    public string GetString(int row) => StarValue.Unquote(loop[row, index]);

    /// <summary>Value at <paramref name="row"/> as a double (RELION writes plain decimal or exponent notation).</summary>
    public double GetDouble(int row) => StarValue.ToDouble(loop[row, index], tag);

    /// <summary>Value at <paramref name="row"/> as an integer.</summary>
    public int GetInt(int row) => StarValue.ToInt(loop[row, index], tag);

    /// <summary>Value at <paramref name="row"/> as an "NNN@file.mrcs" image reference.</summary>
    public ImageReference GetImage(int row) => ImageReference.Parse(GetString(row));

    /// <summary>All values as doubles.</summary>
    public double[] ToDoubles()
    {
        var v = new double[Count];
        for (int i = 0; i < v.Length; i++) v[i] = GetDouble(i);
        return v;
    }
}

/// <summary>Quoting and number conversion of STAR value tokens.</summary>
public static class StarValue
{
    /// <summary>The text of a raw token: quotes or ';' text-field markers removed.</summary>
    public static string Unquote(string raw)
    {
        if (raw.Length >= 2 && (raw[0] == '\'' || raw[0] == '"') && raw[^1] == raw[0]) return raw[1..^1];
        if (raw.Length >= 2 && raw[0] == ';' && raw.EndsWith("\n;", StringComparison.Ordinal)) return raw[1..^2];
        return raw;
    }

    /// <summary>A raw token for <paramref name="text"/>: bare when it can be, quoted otherwise.</summary>
    public static string Quote(string text)
    {
        if (text.Length > 0 && !text.Any(char.IsWhiteSpace) && !"_#$'\";[]".Contains(text[0])
            && !StarParser.IsReserved(text)) return text;
        if (text.Contains('\n')) return ";" + text + "\n;";
        if (!text.Contains("' ", StringComparison.Ordinal) && !text.EndsWith('\'')) return "'" + text + "'";
        if (!text.Contains("\" ", StringComparison.Ordinal) && !text.EndsWith('"')) return "\"" + text + "\"";
        return ";" + text + "\n;";
    }

    /// <summary>The number a raw token holds.</summary>
    public static double ToDouble(string raw, string tag) =>
        double.TryParse(Unquote(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"{tag} value '{raw}' is not a number");

    /// <summary>The integer a raw token holds.</summary>
    public static int ToInt(string raw, string tag) =>
        int.TryParse(Unquote(raw), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i : throw new FormatException($"{tag} value '{raw}' is not an integer");
}

/// <summary>A RELION image reference "NNN@file.mrcs": 1-based image <see cref="Index"/> in stack <see cref="Path"/>.</summary>
public readonly record struct ImageReference(int Index, string Path)
{
    /// <summary>Parses "NNN@path"; a bare path means image 1 of a single-image file.</summary>
    public static ImageReference Parse(string text)
    {
        int at = text.IndexOf('@');
        if (at < 0) return new ImageReference(1, text);
        if (!int.TryParse(text.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1 || at == text.Length - 1)
            throw new FormatException($"'{text}' is not an image reference of the form NNN@file");
        return new ImageReference(index, text[(at + 1)..]);
    }

    /// <summary>Zero-based section of the stack (what <c>MrcFile.ReadSection</c> takes).</summary>
    public int Section => Index - 1;

    /// <inheritdoc />
    public override string ToString() => $"{Index:D6}@{Path}";
}
