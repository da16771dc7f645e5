using System.Data.Common;

using Monitor.Core.Domain;

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

    /// <summary>A database named by an Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public PostgresDialect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host}{(builder.Port == 5432 ? string.Empty : ":" + builder.Port)}";
        _dataSource = NpgsqlDataSource.Create(builder);
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
    internal override Task<int>? BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<(string Name, System.Data.DbType? Type)> columns,
        IReadOnlyList<Measurement> measurements,
        Action<Measurement, object[]> values,
        CancellationToken cancellationToken) =>
        // Many rows: binary COPY into a staging table, then one INSERT … SELECT that skips stored ids
        // (far faster than bound parameters; same no-duplicates contract).
        measurements.Count >= PostgresCopy.MinimumRows
            ? PostgresCopy.InsertAsync((NpgsqlConnection)connection, transaction, columns, measurements, values, cancellationToken)
            : null;
}
