using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// Inserts measurements into SQLite through the native API: one prepared single-row
/// <c>INSERT … ON CONFLICT (id) DO NOTHING</c>, parameters bound by position, stepped and reset per
/// row, inside the caller's transaction. Same statement and contract as the ADO.NET path, without its
/// per-parameter name lookups and allocations.
/// </summary>
internal static class SqliteBulk
{
    public static int Insert(SqliteConnection connection, IReadOnlyList<string> columns, IReadOnlyList<Measurement> measurements, Action<Measurement, object[]> values)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var sql = $"INSERT INTO measurements ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))}) ON CONFLICT (id) DO NOTHING";
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            var row = new object[columns.Count];
            var inserted = 0;
            foreach (var m in measurements)
            {
                values(m, row);
                for (var c = 0; c < row.Length; c++)
                {
                    Check(db, Bind(statement, c + 1, row[c]));
                }

                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    raw.sqlite3_reset(statement);
                    Check(db, rc);
                }

                inserted += raw.sqlite3_changes(db);
                Check(db, raw.sqlite3_reset(statement));
            }

            return inserted;
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object value) => value switch
    {
        DBNull => raw.sqlite3_bind_null(statement, index),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int i => raw.sqlite3_bind_int64(statement, index, i),
        short s => raw.sqlite3_bind_int64(statement, index, s),
        string text => raw.sqlite3_bind_text(statement, index, text),
        byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(statement, index, 0), // an empty value, not NULL
        byte[] octets => raw.sqlite3_bind_blob(statement, index, octets),
        _ => throw new ArgumentException($"no SQLite binding for {value.GetType()}", nameof(value)),
    };

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
