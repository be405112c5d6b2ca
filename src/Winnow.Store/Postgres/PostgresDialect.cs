using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Winnow.Store.Sql;

namespace Winnow.Store.Postgres;

/// <summary>PostgreSQL keeps times as timestamptz (sent as UTC DateTime) and JSON as jsonb.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Engine => "postgres";

    public override string TimeColumnType => "timestamptz";

    /// <summary>A transaction-scoped advisory lock: two processes opening a fresh database migrate one after the other.</summary>
    public override string? MigrationLock => "SELECT pg_advisory_xact_lock(7461937001)";

    public override object Time(DateTimeOffset time) => time.UtcDateTime;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public override void AddJson(DbCommand command, string name, string? json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });
}
