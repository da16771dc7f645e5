using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// A series' rows from SQLite: one statement prepared for the whole read, bound per series to one range of
/// the table's key (series, start, seq), reading only the columns the analysis needs, NULLs made −1 in SQL so
/// that most columns cost one call.
/// </summary>
internal sealed class SqliteSeriesSource : ISeriesSource
{
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly long _from;
    private readonly long _to;
    private bool _referenced;

    public SqliteSeriesSource(SqliteConnection connection, MeasurementQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, Sql(query.AllKinds), out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }

        _statement.DangerousAddRef(ref _referenced);
        _handle = _statement.DangerousGetHandle();
        _from = query.From is { } from ? UnixTime.ToMicroseconds(from) : long.MinValue;
        _to = query.To is { } to ? UnixTime.ToMicroseconds(to) : long.MaxValue;
    }

    /// <summary>The statement: parameters series, from (inclusive) and to (exclusive), Unix µs.</summary>
    internal static string Sql(bool allKinds) =>
        "SELECT started_us, seq, IFNULL(round, 0), outcome, kind, IFNULL(rtt_us, -1), IFNULL(rcode, -1), IFNULL(id_server, -1), " +
        "IFNULL(hostname_bind, -1), IFNULL(nsid, -1), soa_serial, IFNULL(address, -1), IFNULL(site, -1), IFNULL(answers, -1), uid " +
        "FROM measurements WHERE series_id = ?1 AND started_us >= ?2 AND started_us < ?3" + (allKinds ? string.Empty : " AND kind = 0") +
        " ORDER BY started_us, seq";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask ReadAsync(SeriesKey series, SeriesFill fill, CancellationToken cancellationToken)
    {
        var s = _handle;
        Check(SqliteNative.Reset(s));
        Check(SqliteNative.BindInt64(s, 1, series.Id));
        Check(SqliteNative.BindInt64(s, 2, _from));
        Check(SqliteNative.BindInt64(s, 3, _to));
        var row = default(SeriesRow);
        var read = 0;
        int rc;
        while ((rc = SqliteNative.Step(s)) == raw.SQLITE_ROW)
        {
            if ((++read & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            row.Started = SqliteNative.ColumnInt64(s, 0);
            row.Seq = (int)SqliteNative.ColumnInt64(s, 1);
            row.Round = SqliteNative.ColumnInt64(s, 2);
            row.Outcome = (byte)SqliteNative.ColumnInt64(s, 3);
            row.Kind = (byte)SqliteNative.ColumnInt64(s, 4);
            row.Rtt = checked((int)SqliteNative.ColumnInt64(s, 5));
            row.Rcode = (int)SqliteNative.ColumnInt64(s, 6);
            row.IdServer = (int)SqliteNative.ColumnInt64(s, 7);
            row.HostnameBind = (int)SqliteNative.ColumnInt64(s, 8);
            row.Nsid = (int)SqliteNative.ColumnInt64(s, 9);
            row.HasSoaSerial = SqliteNative.ColumnType(s, 10) != raw.SQLITE_NULL;
            row.SoaSerial = row.HasSoaSerial ? SqliteNative.ColumnInt64(s, 10) : 0;
            row.Address = (int)SqliteNative.ColumnInt64(s, 11);
            row.Site = (int)SqliteNative.ColumnInt64(s, 12);
            row.Answers = (int)SqliteNative.ColumnInt64(s, 13);
            row.Uid = SqliteNative.ColumnType(s, 14) == raw.SQLITE_NULL ? null : new Guid(raw.sqlite3_column_blob(_statement, 14), bigEndian: true);
            fill.Add(row);
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return ValueTask.CompletedTask;
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

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            var db = raw.sqlite3_db_handle(_statement);
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
