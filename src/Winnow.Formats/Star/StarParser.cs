using System.Text;
using Winnow.Formats.IO;

namespace Winnow.Formats.Star;

/// <summary>Reads STAR / CIF text (RELION 3.0 and 3.1+) into a <see cref="StarDocument"/>, keeping value tokens raw as gemmi does.</summary>
public static class StarParser
{
    /// <summary>STAR files larger than this are refused (RELION particle files of millions of rows stay well under it).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Reads a STAR file (plain, .gz or .bz2, recognised by content).</summary>
    public static StarDocument ReadFile(string path)
    {
        var bytes = Compression.ReadAllBytes(path, MaxBytes);
        return Parse(Encoding.UTF8.GetString(bytes), path);
    }

    /// <summary>Parses STAR text; <paramref name="path"/> only names the source in errors.</summary>
    public static StarDocument Parse(string text, string path = "<text>")
    {
        var doc = new StarDocument();
        var lexer = new StarLexer(text, path);
        StarBlock? block = null;
        StarLoop? loop = null;
        List<string>? pendingTags = null; // tags of a loop_ still being declared

        void CloseLoop(int line)
        {
            if (pendingTags is not null)
            {
                if (pendingTags.Count == 0) throw lexer.Error(line, "loop_ has no tags");
                // loop_ with tags and no values: an empty loop (RELION writes these).
                block!.Loops.Add(new StarLoop(pendingTags));
                pendingTags = null;
            }
            if (loop is not null && loop.ValueCount % loop.Tags.Count != 0)
                throw lexer.Error(line, $"loop starting with {loop.Tags[0]} has {loop.ValueCount} values, not a multiple of its {loop.Tags.Count} tags (a value is missing)");
            loop = null;
        }

        while (lexer.Next(out var token, out int line, out bool isValue))
        {
            if (!isValue && token.StartsWith("data_", StringComparison.OrdinalIgnoreCase))
            {
                if (block is not null) CloseLoop(line);
                block = new StarBlock(token[5..]);
                doc.Blocks.Add(block);
                continue;
            }
            if (block is null)
                throw lexer.Error(line, $"expected data_ before '{Shorten(token)}'; this is not a STAR file");
            if (!isValue && token.Equals("loop_", StringComparison.OrdinalIgnoreCase))
            {
                CloseLoop(line);
                pendingTags = [];
                continue;
            }
            if (!isValue && token[0] == '_')
            {
                if (pendingTags is not null)
                {
                    pendingTags.Add(token);
                    continue;
                }
                CloseLoop(line);
                if (!lexer.Next(out var value, out _, out bool valueIsValue) || !valueIsValue)
                    throw lexer.Error(line, $"tag {token} has no value");
                block.Pairs.Add(new(token, value));
                continue;
            }
            if (!isValue && (IsReserved(token) || token[0] == '$'))
            {
                if (token.StartsWith("save_", StringComparison.OrdinalIgnoreCase) || token.StartsWith("global_", StringComparison.OrdinalIgnoreCase)
                    || token.Equals("stop_", StringComparison.OrdinalIgnoreCase))
                {
                    CloseLoop(line);
                    continue;
                }
                throw lexer.Error(line, $"unexpected '{Shorten(token)}'");
            }
            // A value: it belongs to the loop being filled.
            if (pendingTags is not null)
            {
                if (pendingTags.Count == 0) throw lexer.Error(line, "loop_ has no tags before its first value");
                loop = new StarLoop(pendingTags);
                block.Loops.Add(loop);
                pendingTags = null;
            }
            if (loop is null) throw lexer.Error(line, $"value '{Shorten(token)}' has no tag");
            loop.AddValue(token);
        }
        if (block is not null) CloseLoop(lexer.Line);
        if (doc.Blocks.Count == 0) throw new WinnowFormatException(path, "holds no data_ block; this is not a STAR file");
        return doc;
    }

    /// <summary>True for the reserved words that cannot be bare values.</summary>
    internal static bool IsReserved(string token) =>
        token.StartsWith("data_", StringComparison.OrdinalIgnoreCase) || token.StartsWith("save_", StringComparison.OrdinalIgnoreCase)
        || token.Equals("loop_", StringComparison.OrdinalIgnoreCase) || token.Equals("stop_", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("global_", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>Splits STAR text into tokens: bare words, quoted strings, ';' text fields; '#' comments are skipped.</summary>
internal sealed class StarLexer(string text, string path)
{
    private int _pos;
    private int _line = 1;

    public int Line => _line;

    public WinnowFormatException Error(int line, string problem) => new(path, $"line {line}: {problem}");

    /// <summary>Next token; <paramref name="isValue"/> is true for quoted strings and text fields, which are never keywords or tags.</summary>
    public bool Next(out string token, out int line, out bool isValue)
    {
        isValue = false;
        while (_pos < text.Length)
        {
            char c = text[_pos];
            if (c == '\n') { _line++; _pos++; continue; }
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            if (c == '#') { SkipToEol(); continue; }
            line = _line;
            if (c == ';' && (_pos == 0 || text[_pos - 1] == '\n' || text[_pos - 1] == '\r'))
            {
                token = TextField();
                isValue = true;
                return true;
            }
            if (c == '\'' || c == '"')
            {
                token = Quoted(c);
                isValue = true;
                return true;
            }
            int start = _pos;
            while (_pos < text.Length && !char.IsWhiteSpace(text[_pos])) _pos++;
            token = text[start.._pos];
            isValue = token[0] != '_' && !StarParser.IsReserved(token);
            if (char.IsControl(token[0]) || token.Any(ch => ch == '\0'))
                throw Error(line, "binary data where STAR text was expected; this is not a STAR file");
            return true;
        }
        token = "";
        line = _line;
        return false;
    }

    private void SkipToEol()
    {
        while (_pos < text.Length && text[_pos] != '\n') _pos++;
    }

    private string Quoted(char q)
    {
        // CIF rule: a quote closes the string only when followed by whitespace or the end of the text.
        int start = _pos;
        int i = _pos + 1;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n' || text[i] == '\r')
                throw Error(_line, $"unterminated {(q == '\'' ? "single" : "double")}-quoted string {text[start..Math.Min(i, start + 40)]}");
            if (text[i] == q && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))) break;
            i++;
        }
        _pos = i + 1;
        return text[start.._pos];
    }

    private string TextField()
    {
        int start = _pos, startLine = _line;
        int i = _pos + 1;
        while (true)
        {
            int nl = text.IndexOf('\n', i);
            if (nl < 0) throw Error(startLine, "unterminated ';' text field");
            _line++;
            if (nl + 1 < text.Length && text[nl + 1] == ';')
            {
                _pos = nl + 2;
                return text[start.._pos];
            }
            i = nl + 1;
        }
    }
}
