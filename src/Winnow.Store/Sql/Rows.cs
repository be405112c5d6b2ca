using System.Data.Common;
using System.Text.Json;

namespace Winnow.Store.Sql;

/// <summary>Turns result rows into records; each reader starts at a given column so joins can read several records from one row.</summary>
internal static class Rows
{
    public static ImageRecord Image(DbDataReader r, SqlDialect d, int at = 0) => new(
        r.GetInt64(at), r.GetInt64(at + 1), JobNames.Parse(r.GetString(at + 2)), r.GetString(at + 3), r.GetString(at + 4),
        r.GetString(at + 5), r.GetString(at + 6) == "failed", NullableString(r, at + 7), d.ReadTime(r, at + 8));

    public static InspectionRecord Inspection(DbDataReader r, SqlDialect d) => new(
        r.GetInt64(0), JobNames.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetString(6), d.ReadTime(r, 7));

    public static ScoreRecord Score(DbDataReader r, SqlDialect d, int at = 0) => new(
        r.GetInt64(at), r.GetInt64(at + 1), ScorerKindNames.Parse(r.GetString(at + 2)), r.GetString(at + 3), r.GetString(at + 4),
        Probabilities.Parse(NullableString(r, at + 5)), r.IsDBNull(at + 6) ? null : r.GetDouble(at + 6),
        d.ReadTime(r, at + 7), r.IsDBNull(at + 8) ? null : r.GetInt64(at + 8));

    public static RunRecord Run(DbDataReader r, SqlDialect d) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : JobNames.Parse(r.GetString(2)), NullableString(r, 3),
        RunStateNames.Parse(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), NullableString(r, 7),
        d.ReadTime(r, 8), r.IsDBNull(9) ? null : d.ReadTime(r, 9));

    public static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}

/// <summary>Class probabilities as they are stored: a JSON object class → probability.</summary>
internal static class Probabilities
{
    public static string? Json(IReadOnlyDictionary<string, double>? probabilities) =>
        probabilities is null ? null : JsonSerializer.Serialize(probabilities);

    public static IReadOnlyDictionary<string, double>? Parse(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(json);
}
