using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// The lean table through SQLite's native API: one prepared INSERT bound by position (integers and
/// one blob, no ADO.NET parameter objects) stepped per row in the caller's transaction (the reader of
/// SELECTs of <see cref="LeanColumns.List"/> is <see cref="SqliteRowReader"/>). A row whose key (series, start, seq) is taken
/// already, by another write's row started at the same microsecond, takes the next seq.
/// </summary>
internal static class SqliteRows
{
    private const int ConstraintPrimaryKey = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    private static readonly string InsertSql =
        $"INSERT INTO measurements ({LeanColumns.List}) VALUES ({string.Join(", ", Enumerable.Range(1, LeanColumns.Count).Select(i => "?" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Insert(SqliteConnection connection, LeanBatch batch)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, InsertSql, out var statement));
        using (statement)
        {
            var row = new LeanRow();
            // Bindings outlive sqlite3_reset: only the columns that differ from the previous row are bound again.
            var bound = new long[LeanColumns.IntegerCount];
            var boundNulls = 0u;
            var first = true;
            Span<byte> uid = stackalloc byte[16];
            for (var i = 0; i < batch.Count; i++)
            {
                batch.Fill(i, row);
                var values = row.Values;
                var nulls = row.Nulls;
                for (var c = 0; c < LeanColumns.IntegerCount; c++)
                {
                    var bit = 1u << c;
                    if ((nulls & bit) != 0)
                    {
                        if (first || (boundNulls & bit) == 0)
                        {
                            Check(db, raw.sqlite3_bind_null(statement, c + 1));
                        }
                    }
                    else if (first || (boundNulls & bit) != 0 || bound[c] != values[c])
                    {
                        Check(db, raw.sqlite3_bind_int64(statement, c + 1, values[c]));
                        bound[c] = values[c];
                    }
                }

                boundNulls = nulls;
                if (row.Uid is { } id)
                {
                    id.TryWriteBytes(uid, bigEndian: true, out _);
                    Check(db, raw.sqlite3_bind_blob(statement, LeanColumns.Uid + 1, uid));
                }
                else if (first || batch.KeepsIds)
                {
                    Check(db, raw.sqlite3_bind_null(statement, LeanColumns.Uid + 1));
                }

                first = false;
                while (true)
                {
                    var rc = raw.sqlite3_step(statement);
                    if (rc == raw.SQLITE_DONE)
                    {
                        raw.sqlite3_reset(statement);
                        break;
                    }

                    var error = Error(db, rc);
                    raw.sqlite3_reset(statement);
                    if (error.SqliteExtendedErrorCode != ConstraintPrimaryKey || values[LeanColumns.Seq] >= short.MaxValue)
                    {
                        throw error;
                    }

                    // Another row of this series started at this microsecond: the next seq.
                    values[LeanColumns.Seq]++;
                    bound[LeanColumns.Seq] = values[LeanColumns.Seq];
                    Check(db, raw.sqlite3_bind_int64(statement, LeanColumns.Seq + 1, values[LeanColumns.Seq]));
                }
            }

            return batch.Count;
        }
    }

    /// <summary>Runs a statement that returns no row and resets it; true when it changed a row.</summary>
    public static bool StepOnce(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            var error = Error(db, rc);
            raw.sqlite3_reset(statement);
            throw error;
        }

        raw.sqlite3_reset(statement);
        return raw.sqlite3_changes(db) == 1;
    }

    /// <summary>Throws the connection's error unless <paramref name="rc"/> is a success.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (!Succeeded(rc))
        {
            throw Error(db, rc);
        }
    }

    /// <summary>Whether <paramref name="rc"/> is OK, DONE or ROW.</summary>
    public static bool Succeeded(int rc) => rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW;

    /// <summary>The connection's error for <paramref name="rc"/> (message and extended code), read before any reset.</summary>
    public static SqliteException Error(sqlite3 db, int rc) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
}
