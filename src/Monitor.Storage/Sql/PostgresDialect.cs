using System.Data.Common;

using Npgsql;

namespace Monitor.Storage.Sql;

/// <summary>
/// PostgreSQL, shared by workers at many vantage points. Connection strings are Npgsql's
/// (<c>Host=…;Database=…;Username=…</c>; a unix-socket directory works as Host). The password is
/// never part of <see cref="Describe"/>.
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    // pg_advisory_xact_lock key for schema migrations: "MONITOR" in ASCII, any constant would do.
    private const long MigrationLockKey = 0x4D4F4E49544F52;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;
    private readonly PostgresPartitions _partitions;

    /// <summary>A database named by an Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public PostgresDialect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host}{(builder.Port == 5432 ? string.Empty : ":" + builder.Port)}";
        _dataSource = NpgsqlDataSource.Create(builder);
        _partitions = new PostgresPartitions(_dataSource);
    }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override string UuidType => "uuid";

    /// <inheritdoc />
    public override string BytesType => "bytea";

    /// <inheritdoc />
    public override string FloatType => "double precision";

    /// <inheritdoc />
    public override string Describe() => _description;

    /// <inheritdoc />
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override System.Data.DbType UuidDbType => System.Data.DbType.Guid;

    /// <inheritdoc />
    public override string NowMicrosecondsSql => "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";

    /// <inheritdoc />
    public override object ToDb(Guid id) => id;

    /// <inheritdoc />
    public override Guid ReadGuid(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetGuid(ordinal);
    }

    /// <inheritdoc />
    internal override string InsertRoundSql =>
        """
        INSERT INTO rounds (id, vantage_id, scheduled_us, started_us, finished_us, probes, answered, kind)
        VALUES (@Id, @VantageId, @Scheduled, @Started, @Finished, @Probes, @Answered, @Kind)
        ON CONFLICT (id) DO NOTHING RETURNING number
        """;

    /// <inheritdoc />
    internal override bool ReadsSeriesOneByOne => false;

    /// <inheritdoc />
    internal override Task PrepareAsync(IEnumerable<long> startedUs, CancellationToken cancellationToken) =>
        _partitions.EnsureAsync(startedUs, cancellationToken);

    /// <inheritdoc />
    internal override Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, LeanBatch batch, CancellationToken cancellationToken) =>
        PostgresRows.CopyAsync((NpgsqlConnection)connection, batch, cancellationToken);

    /// <inheritdoc />
    internal override async Task<HashSet<Guid>> ClaimImportedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = "INSERT INTO imported (id) SELECT unnest(@ids) ON CONFLICT (id) DO NOTHING RETURNING id";
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }

    /// <inheritdoc />
    internal override IRowReader OpenRows(DbConnection connection, DbTransaction transaction, string sql) =>
        PostgresRows.Open((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, sql);

    /// <inheritdoc />
    internal override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
    }
}
