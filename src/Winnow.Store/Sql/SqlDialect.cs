using System.Data.Common;

namespace Winnow.Store.Sql;

/// <summary>The few things the two engines do differently with the same SQL: how times and JSON travel as parameters.</summary>
internal abstract class SqlDialect
{
    /// <summary>"sqlite" or "postgres"; also the folder of the engine's migrations.</summary>
    public abstract string Engine { get; }

    /// <summary>The column type times are kept in.</summary>
    public abstract string TimeColumnType { get; }

    /// <summary>A statement run first in the migration transaction so two processes never migrate at once; null when the transaction itself locks.</summary>
    public virtual string? MigrationLock => null;

    /// <summary>The parameter value for a time.</summary>
    public abstract object Time(DateTimeOffset time);

    /// <summary>Reads a time column.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Adds a JSON parameter (null for SQL NULL).</summary>
    public abstract void AddJson(DbCommand command, string name, string? json);
}
