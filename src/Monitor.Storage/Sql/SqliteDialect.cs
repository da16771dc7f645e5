using System.Data.Common;

using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sql;

/// <summary>
/// SQLite, the embedded default: one file, WAL journal (readers never block the writer),
/// <c>synchronous=NORMAL</c> (durable at each checkpoint, never corrupt), a busy timeout so a
/// briefly locked database waits instead of failing. The WAL is checkpointed every 16,384 pages
/// (64 MiB) instead of SQLite's 1,000: a write of 10,000 rows spread over a thousand series dirties
/// about a thousand pages, so the default checkpointed (and synced) at nearly every commit, and the
/// pages written again by the next writes were copied each time (ingest 28–33k → 53–66k rows/s,
/// loaded machine). What a power cut may lose is at most that much of the latest WAL; a crash of
/// the process loses nothing committed.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly string _path;

    /// <summary>A database in the file at <paramref name="path"/> (created when missing).</summary>
    public SqliteDialect(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        }.ToString();
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string UuidType => "BLOB";

    /// <inheritdoc />
    public override string BytesType => "BLOB";

    /// <inheritdoc />
    public override string FloatType => "REAL";

    /// <inheritdoc />
    public override string Describe() => $"SQLite database {_path}";

    /// <inheritdoc />
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BeginTransaction on Microsoft.Data.Sqlite is BEGIN IMMEDIATE: the write lock is ours.

    /// <inheritdoc />
    public override System.Data.DbType UuidDbType => System.Data.DbType.Binary;

    /// <inheritdoc />
    public override string NowMicrosecondsSql => "SELECT CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)";

    /// <inheritdoc />
    public override object ToDb(Guid id) => id.ToByteArray(bigEndian: true);

    /// <inheritdoc />
    public override Guid ReadGuid(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Guid(reader.GetFieldValue<byte[]>(ordinal), bigEndian: true);
    }

    /// <inheritdoc />
    internal override string InsertRoundSql =>
        """
        INSERT INTO rounds (id, vantage_id, scheduled_us, started_us, finished_us, probes, answered, kind, number)
        VALUES (@Id, @VantageId, @Scheduled, @Started, @Finished, @Probes, @Answered, @Kind, (SELECT COALESCE(MAX(number), 0) + 1 FROM rounds))
        ON CONFLICT (id) DO NOTHING RETURNING number
        """;

    /// <inheritdoc />
    internal override bool ReadsSeriesOneByOne => true;

    /// <inheritdoc />
    internal override Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, LeanBatch batch, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteRows.Insert((SqliteConnection)connection, batch));

    /// <inheritdoc />
    internal override Task<HashSet<Guid>> ClaimImportedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        return Task.FromResult(SqliteImports.Claim((SqliteConnection)connection, ids));
    }

    /// <inheritdoc />
    internal override Task InsertOriginsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MeasurementOrigin> origins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(origins);
        SqliteImports.InsertOrigins((SqliteConnection)connection, origins);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    internal override IRowReader OpenRows(DbConnection connection, DbTransaction transaction, string sql) =>
        SqliteRowReader.Open((SqliteConnection)connection, sql);

    /// <inheritdoc />
    internal override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Deferred: a read snapshot of the WAL, no write lock.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <inheritdoc />
    internal override async Task<long> PruneMeasurementsAsync(long beforeUs, List<string> dropped, CancellationToken cancellationToken)
    {
        // Series by series (each one range of the key), at most PruneBatch rows per transaction.
        const int PruneBatch = 50_000;
        var removed = 0L;
        await using var connection = (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
        var series = new List<long>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT id FROM series ORDER BY id";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                series.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in series)
        {
            while (true)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.Parameters.AddWithValue("$series", id);
                command.Parameters.AddWithValue("$before", beforeUs);
                command.Parameters.AddWithValue("$offset", PruneBatch - 1);
                command.CommandText = "SELECT started_us FROM measurements WHERE series_id = $series AND started_us < $before ORDER BY started_us LIMIT 1 OFFSET $offset";
                var last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                command.CommandText = last is long upTo
                    ? "DELETE FROM measurements WHERE series_id = $series AND started_us <= " + upTo.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "DELETE FROM measurements WHERE series_id = $series AND started_us < $before";
                removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (last is null)
                {
                    break;
                }
            }
        }

        return removed;
    }
}
