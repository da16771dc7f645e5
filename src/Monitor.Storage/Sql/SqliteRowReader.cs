using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// Rows of a SELECT of <see cref="LeanColumns.List"/> from SQLite, each column read by the C API bound
/// directly (<see cref="SqliteNative"/>): no interface call and SafeHandle reference count per value.
/// </summary>
internal sealed class SqliteRowReader : IRowReader
{
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private bool _referenced;

    private SqliteRowReader(sqlite3_stmt statement)
    {
        _statement = statement;
        _statement.DangerousAddRef(ref _referenced);
        _handle = _statement.DangerousGetHandle();
    }

    public static IRowReader Open(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            var error = new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
            statement.Dispose();
            throw error;
        }

        return new SqliteRowReader(statement);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> ReadAsync(LeanRow row, CancellationToken cancellationToken)
    {
        var s = _handle;
        var rc = SqliteNative.Step(s);
        if (rc != raw.SQLITE_ROW)
        {
            if (rc != raw.SQLITE_DONE)
            {
                var db = raw.sqlite3_db_handle(_statement);
                throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
            }

            return ValueTask.FromResult(false);
        }

        var values = row.Values;
        uint nulls = 0;
        for (var c = 0; c < LeanColumns.IntegerCount; c++)
        {
            if (SqliteNative.ColumnType(s, c) == raw.SQLITE_NULL)
            {
                nulls |= 1u << c;
            }
            else
            {
                values[c] = SqliteNative.ColumnInt64(s, c);
            }
        }

        row.Nulls = nulls;
        row.Uid = SqliteNative.ColumnType(s, LeanColumns.Uid) == raw.SQLITE_NULL
            ? null
            : new Guid(raw.sqlite3_column_blob(_statement, LeanColumns.Uid), bigEndian: true);
        return ValueTask.FromResult(true);
    }

    public ValueTask DisposeAsync()
    {
        if (_referenced)
        {
            _statement.DangerousRelease();
            _referenced = false;
        }

        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
