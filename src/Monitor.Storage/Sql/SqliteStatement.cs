using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// A prepared SQLite statement held for a whole read, with its raw handle for the per-row calls of
/// <see cref="SqliteNative"/> (the SafeHandle is referenced once, not per call).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3_stmt _statement;
    private bool _referenced;

    private SqliteStatement(sqlite3_stmt statement)
    {
        _statement = statement;
        _statement.DangerousAddRef(ref _referenced);
        Handle = _statement.DangerousGetHandle();
    }

    /// <summary>The raw <c>sqlite3_stmt*</c>.</summary>
    public IntPtr Handle { get; }

    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            var error = SqliteRows.Error(db, rc);
            statement.Dispose();
            throw error;
        }

        return new SqliteStatement(statement);
    }

    /// <summary>Throws the connection's error unless <paramref name="rc"/> is OK, DONE or ROW.</summary>
    public void Check(int rc)
    {
        if (!SqliteRows.Succeeded(rc))
        {
            throw SqliteRows.Error(raw.sqlite3_db_handle(_statement), rc);
        }
    }

    /// <summary>A 16-octet big-endian UUID column of the current row, or null.</summary>
    public Guid? Guid(int column) =>
        SqliteNative.ColumnType(Handle, column) == raw.SQLITE_NULL ? null : new Guid(raw.sqlite3_column_blob(_statement, column), bigEndian: true);

    public void Dispose()
    {
        if (_referenced)
        {
            _statement.DangerousRelease();
            _referenced = false;
        }

        _statement.Dispose();
    }
}
