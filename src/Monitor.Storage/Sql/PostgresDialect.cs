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
    internal override string LockRowsSql => " FOR UPDATE";

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
    internal override async Task InsertOriginsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MeasurementOrigin> origins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(origins);
        if (origins.Count == 0)
        {
            return;
        }

        // One statement for the batch (arrays), not a round trip per origin.
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText =
            "INSERT INTO atlas_origins (measurement_id, msm_id, prb_id, probe_address) SELECT * FROM unnest(@ids, @msms, @prbs, @addresses) " +
            "ON CONFLICT (measurement_id) DO NOTHING";
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. origins.Select(o => o.MeasurementId)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("msms", [.. origins.Select(o => o.AtlasMeasurementId)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("prbs", [.. origins.Select(o => o.AtlasProbeId)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("addresses", [.. origins.Select(o => o.ProbeAddress)]));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    /// <inheritdoc />
    internal override async Task<long> PruneMeasurementsAsync(long beforeUs, List<string> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var removed = 0L;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var days = new List<(long Day, string Name)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'measurements' AND c.relname LIKE 'measurements\_d%' ORDER BY c.relname
                """;
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                if (DateTimeOffset.TryParseExact(name["measurements_d".Length..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
                {
                    days.Add(((date - DateTimeOffset.UnixEpoch).Days, name));
                }
            }
        }

        // Whole days that end at or before the cut: counted, then dropped, one short transaction each.
        foreach (var (day, name) in days.Where(d => (d.Day + 1) * PostgresPartitions.DayUs <= beforeUs))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT pg_advisory_xact_lock({PostgresPartitions.LockKey})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = $"SELECT COUNT(*) FROM {name}";
            removed += Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = $"DROP TABLE {name}";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            dropped.Add(name);
        }

        _partitions.Forget(days.Where(d => dropped.Contains(d.Name)).Select(d => d.Day));

        // The partial day: its rows before the cut (partition pruning keeps this to that day).
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = $"DELETE FROM measurements WHERE started_us < {beforeUs}";
            removed += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }
}
