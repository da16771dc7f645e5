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
    private readonly SqliteStatement _statement;

    private SqliteRowReader(SqliteStatement statement) => _statement = statement;

    public static IRowReader Open(SqliteConnection connection, string sql) => new SqliteRowReader(SqliteStatement.Prepare(connection, sql));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> ReadAsync(LeanRow row, CancellationToken cancellationToken)
    {
        var s = _statement.Handle;
        var rc = SqliteNative.Step(s);
        if (rc != raw.SQLITE_ROW)
        {
            _statement.Check(rc);
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
        row.Uid = _statement.Guid(LeanColumns.Uid);
        return ValueTask.FromResult(true);
    }

    public ValueTask DisposeAsync()
    {
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
