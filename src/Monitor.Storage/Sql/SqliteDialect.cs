using System.Data.Common;

using Microsoft.Data.Sqlite;

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
}
