using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// The rollup rows of one SQLite write through the native API: for a row the writer kept
/// (<see cref="OpenHours"/>) a compare-and-set UPDATE (its counts merged in memory, written only where the
/// stored counts are still those it left), for any other an INSERT of the batch's counts when the row is
/// missing; one prepared statement each, stepped per row. The write holds SQLite's write lock, so nothing
/// changes between the compare and the write.
/// </summary>
internal static class SqliteRollups
{
    private const string UpdateSql =
        "UPDATE series_hours SET probes = ?1, answered = ?2, sites = ?3, rtt = ?4 WHERE series_id = ?5 AND hour_us = ?6 AND kind = ?7 AND probes = ?8 AND answered = ?9";

    private const string InsertSql =
        "INSERT INTO series_hours (probes, answered, sites, rtt, series_id, hour_us, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (series_id, hour_us, kind) DO NOTHING";

    /// <summary>Writes what needs no read; returns the deltas of the rows that must be read and merged.</summary>
    /// <param name="connection">The write's connection (in its transaction).</param>
    /// <param name="keys">The rows touched, in key order.</param>
    /// <param name="deltas">The batch's counts per row (left unchanged).</param>
    /// <param name="open">The rows this writer kept; each one written is kept again.</param>
    public static Dictionary<RollupKey, HourRollup> WriteKept(SqliteConnection connection, RollupKey[] keys, Dictionary<RollupKey, HourRollup> deltas, OpenHours open)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var missed = new Dictionary<RollupKey, HourRollup>();
        SqliteRows.Check(db, raw.sqlite3_prepare_v2(db, UpdateSql, out var update));
        using (update)
        {
            SqliteRows.Check(db, raw.sqlite3_prepare_v2(db, InsertSql, out var insert));
            using (insert)
            {
                foreach (var key in keys)
                {
                    var delta = deltas[key];
                    if (open.Take(key) is { } kept)
                    {
                        var (probes, answered) = (kept.Probes, kept.Answered);
                        kept.Add(delta);
                        Bind(db, update, key, kept);
                        SqliteRows.Check(db, raw.sqlite3_bind_int64(update, 8, probes));
                        SqliteRows.Check(db, raw.sqlite3_bind_int64(update, 9, answered));
                        if (SqliteRows.StepOnce(db, update))
                        {
                            open.Keep(key, kept);
                            continue;
                        }
                    }
                    else
                    {
                        Bind(db, insert, key, delta);
                        if (SqliteRows.StepOnce(db, insert))
                        {
                            open.Keep(key, delta);
                            continue;
                        }
                    }

                    missed[key] = delta;
                }
            }
        }

        return missed;
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, RollupKey key, HourRollup rollup)
    {
        SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 1, rollup.Probes));
        SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 2, rollup.Answered));
        SqliteRows.Check(db, raw.sqlite3_bind_blob(statement, 3, rollup.EncodeSites()));
        SqliteRows.Check(db, raw.sqlite3_bind_blob(statement, 4, rollup.EncodeRtt()));
        SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 5, key.Series));
        SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 6, key.HourUs));
        SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 7, key.Kind));
    }
}
