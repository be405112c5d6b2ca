using System.Text;

namespace Winnow.Formats.Star;

/// <summary>Writes a <see cref="StarDocument"/> the way RELION does: "data_name", pairs, then "loop_" with "_tag #n" headers.</summary>
public static class StarWriter
{
    /// <summary>Writes <paramref name="doc"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, StarDocument doc)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(w, doc);
    }

    /// <summary>Writes <paramref name="doc"/> to <paramref name="w"/>.</summary>
    public static void Write(TextWriter w, StarDocument doc)
    {
        w.NewLine = "\n";
        w.WriteLine("# Written by Winnow");
        foreach (var block in doc.Blocks)
        {
            w.WriteLine();
            w.WriteLine("data_" + block.Name);
            w.WriteLine();
            if (block.Pairs.Count > 0)
            {
                int width = block.Pairs.Max(p => p.Key.Length) + 1;
                foreach (var (tag, value) in block.Pairs)
                    w.WriteLine(tag.PadRight(width) + Check(value, tag));
                w.WriteLine();
            }
            foreach (var loop in block.Loops)
            {
                w.WriteLine("loop_");
                for (int t = 0; t < loop.Tags.Count; t++)
                    w.WriteLine($"{loop.Tags[t]} #{t + 1}");
                for (int r = 0; r < loop.RowCount; r++)
                {
                    for (int c = 0; c < loop.Tags.Count; c++)
                    {
                        var v = Check(loop[r, c], loop.Tags[c]);
                        // A text field must start a line and be followed by one.
                        if (v[0] == ';') { w.WriteLine(); w.WriteLine(v); }
                        else { if (c > 0) w.Write(' '); w.Write(v); }
                    }
                    w.WriteLine();
                }
                w.WriteLine();
            }
        }
    }

    private static string Check(string raw, string tag)
    {
        if (raw.Length == 0 || (raw[0] is not ('\'' or '"' or ';') && raw.Any(char.IsWhiteSpace)))
            throw new ArgumentException($"value of {tag} is not a valid raw STAR token: '{raw}' (use StarValue.Quote)");
        return raw;
    }
}
