using System.Data.Common;
using System.Globalization;
using Winnow.Store.Sql;

namespace Winnow.Store.Sqlite;

/// <summary>SQLite keeps times as fixed-width UTC text, so that comparing text compares times, and JSON as text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static SqliteDialect Instance { get; } = new();

    public override string Engine => "sqlite";

    // BeginTransaction is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: it takes the write lock, so no MigrationLock is needed.
    public override string TimeColumnType => "TEXT";

    public override object Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void AddJson(DbCommand command, string name, string? json)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)json ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
