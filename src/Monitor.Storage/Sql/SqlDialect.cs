using System.Data;
using System.Data.Common;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// What differs between the databases Monitor stores into. Everything else, the SQL included, is
/// shared: the schema uses integer Unix time and three type placeholders this class fills in.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>A short name for messages: <c>sqlite</c>, <c>postgresql</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The column type of a UUID.</summary>
    public abstract string UuidType { get; }

    /// <summary>The column type of raw octets.</summary>
    public abstract string BytesType { get; }

    /// <summary>The column type of a double.</summary>
    public abstract string FloatType { get; }

    /// <summary>A human description of where the data is, with no secret in it.</summary>
    public abstract string Describe();

    /// <summary>Opens a new connection, ready for use.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Takes the lock that serialises schema migrations, inside <paramref name="transaction"/>.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The parameter type a UUID is sent as (prepared statements need it before any value).</summary>
    public abstract System.Data.DbType UuidDbType { get; }

    /// <summary>A query giving the database server's clock as Unix microseconds.</summary>
    public abstract string NowMicrosecondsSql { get; }

    /// <summary>A UUID as a parameter value.</summary>
    public abstract object ToDb(Guid id);

    /// <summary>A UUID column's value.</summary>
    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    /// <summary>
    /// Inserts measurements through the database's own bulk path inside <paramref name="transaction"/>,
    /// skipping stored ids; null when it has none for this batch (bound multi-row INSERTs then do).
    /// </summary>
    /// <returns>How many rows were new.</returns>
    internal virtual Task<int>? BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<(string Name, DbType? Type)> columns,
        IReadOnlyList<Measurement> measurements,
        Action<Measurement, object[]> values,
        CancellationToken cancellationToken) => null;

    /// <summary>
    /// Reads measurements with the database's own reader: <paramref name="select"/> is the
    /// <c>SELECT … WHERE …</c> without an order, bound on <paramref name="command"/>; null when the
    /// dialect has no such path (ADO.NET then reads, ordered in SQL).
    /// </summary>
    internal virtual IAsyncEnumerable<Measurement>? ReadMeasurements(DbConnection connection, DbCommand command, string select, MeasurementOrder order, CancellationToken cancellationToken) => null;

    /// <summary>Fills the type placeholders of a schema script.</summary>
    public string Render(string sql) =>
        sql.Replace("{uuid}", UuidType, StringComparison.Ordinal)
           .Replace("{bytes}", BytesType, StringComparison.Ordinal)
           .Replace("{float}", FloatType, StringComparison.Ordinal);
}
