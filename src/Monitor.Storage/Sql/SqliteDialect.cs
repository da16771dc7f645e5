using System.Data.Common;
using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// SQLite, the embedded default: one file, WAL journal (readers never block the writer),
/// <c>synchronous=NORMAL</c> (durable at each checkpoint, never corrupt), a busy timeout so a
/// briefly locked database waits instead of failing.
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
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;";
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
    internal override Task<int>? BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<(string Name, System.Data.DbType? Type)> columns,
        IReadOnlyList<Measurement> measurements,
        Action<Measurement, object[]> values,
        CancellationToken cancellationToken) =>
        // One prepared single-row INSERT stepped per row through the native API (binding a named
        // ADO.NET parameter looks its name up among all the statement's parameters, so a
        // 4,096-parameter multi-row INSERT spent its time on lookups).
        Task.FromResult(SqliteBulk.Insert((SqliteConnection)connection, columns.Select(c => c.Name).ToArray(), measurements, values));

    /// <inheritdoc />
    internal override IAsyncEnumerable<Measurement> ReadMeasurements(DbConnection connection, DbCommand command, string select, MeasurementOrder order, CancellationToken cancellationToken) =>
        ReadNative((SqliteConnection)connection, command, select, order, cancellationToken);

    // The native reader; series order from a plain scan grouped in memory (see SeriesSpool).
    private static async IAsyncEnumerable<Measurement> ReadNative(SqliteConnection sqlite, DbCommand command, string select, MeasurementOrder order, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (order == MeasurementOrder.Series)
        {
            command.CommandText = select;
            SeriesSpool spool;
            using (var native = SqliteMeasurementReader.Open(sqlite, command, keepAll: true))
            {
                spool = new SeriesSpool(native);
                while (native.Read())
                {
                    spool.Add(native);
                    if ((spool.Count & 0xffff) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            var drained = 0;
            foreach (var m in spool.Drain())
            {
                if ((++drained & 0xffff) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                yield return m;
            }

            yield break;
        }

        command.CommandText = select + " ORDER BY started_us, id";
        using var streaming = SqliteMeasurementReader.Open(sqlite, command, keepAll: false);
        var read = 0;
        while (streaming.Read())
        {
            if ((++read & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return streaming.Measurement();
        }
    }
}
