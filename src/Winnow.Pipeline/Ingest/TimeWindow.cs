using System.Globalization;
using System.Text.RegularExpressions;

namespace Winnow.Pipeline.Ingest;

/// <summary>Reads "how far back" as people write it: 7d, 12h, 30m, 2w, or a date (2025-03-01).</summary>
public static partial class TimeWindow
{
    /// <summary>The instant the window starts at, counted back from <paramref name="now"/>.</summary>
    public static DateTimeOffset Since(string text, DateTimeOffset now)
    {
        var match = Span().Match(text.Trim());
        if (match.Success)
        {
            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            return now - match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "w" => TimeSpan.FromDays(7 * n),
                "d" => TimeSpan.FromDays(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromMinutes(n),
            };
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date;
        throw new ArgumentException($"--since '{text}' is neither a span like 7d, 12h, 30m, 2w nor a date like 2025-03-01.");
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>[wdhm])$", RegexOptions.IgnoreCase)]
    private static partial Regex Span();
}
