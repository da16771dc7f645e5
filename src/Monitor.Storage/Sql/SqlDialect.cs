using System.Data;
using System.Data.Common;

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
    /// The INSERT of a round that gives its number (<c>RETURNING number</c>), or no row when the round
    /// is stored already; parameters <c>@Id, @VantageId, @Scheduled, @Started, @Finished, @Probes, @Answered, @Kind</c>.
    /// </summary>
    internal abstract string InsertRoundSql { get; }

    /// <summary>Makes ready what rows starting at these instants (Unix µs) need before their write (PostgreSQL: their day partitions).</summary>
    internal virtual Task PrepareAsync(IEnumerable<long> startedUs, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Inserts the rows of <paramref name="batch"/> in <paramref name="transaction"/>; returns how many.</summary>
    internal abstract Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, LeanBatch batch, CancellationToken cancellationToken);

    /// <summary>Stores the ids of imported measurements; returns those not stored before.</summary>
    internal abstract Task<HashSet<Guid>> ClaimImportedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Stores the Atlas origins of imported measurements (those stored already are left as they are).</summary>
    internal abstract Task InsertOriginsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MeasurementOrigin> origins, CancellationToken cancellationToken);

    /// <summary>Runs a SELECT of <see cref="LeanColumns.List"/> (no parameters) and reads its rows.</summary>
    internal abstract IRowReader OpenRows(DbConnection connection, DbTransaction transaction, string sql);

    /// <summary>Starts a read: a snapshot every statement of the read sees alike.</summary>
    internal abstract Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// True when series order is best read series by series (one range of the table's key each);
    /// false when one query ordered by <c>vantage_id, target_id</c> in octet order (collation C) is.
    /// </summary>
    internal abstract bool ReadsSeriesOneByOne { get; }

    /// <summary>
    /// Removes the measurements started before <paramref name="beforeUs"/> (Unix µs): whole partitions
    /// where the database has them (their names are added to <paramref name="dropped"/>), the rest in batches.
    /// </summary>
    /// <returns>How many measurements were removed.</returns>
    internal abstract Task<long> PruneMeasurementsAsync(long beforeUs, List<string> dropped, CancellationToken cancellationToken);

    /// <summary>What a SELECT of rows about to be updated in the transaction ends with, to lock them (PostgreSQL: <c> FOR UPDATE</c>).</summary>
    internal virtual string LockRowsSql => string.Empty;

    /// <summary>Fills the type placeholders of a schema script.</summary>
    public string Render(string sql) =>
        sql.Replace("{uuid}", UuidType, StringComparison.Ordinal)
           .Replace("{bytes}", BytesType, StringComparison.Ordinal)
           .Replace("{float}", FloatType, StringComparison.Ordinal);
}
