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
    private readonly SqliteStatement _statement;

    public SqliteSeriesSource(SqliteConnection connection, MeasurementQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        _statement = SqliteStatement.Prepare(connection, Sql(query.AllKinds));
    }

    /// <summary>
    /// The statement: parameters series, from (inclusive) and to (exclusive), Unix µs. Each column the API reads
    /// costs more than the SQL that packs it, so the small ones come packed: seq (16 bits), outcome and kind
    /// (8 bits each), rcode + 1 (16 bits) and whether any sparse column has a value (bit 48) in one integer,
    /// id.server + 1 and hostname.bind + 1 (32 bits each, as PostgreSQL's integer columns) in another; the
    /// sparse columns (SOA serial, address, site, answers, uid) are read only on a row that has one.
    /// </summary>
    internal static string Sql(bool allKinds) =>
        "SELECT started_us, " +
        "seq | (outcome << 16) | (kind << 24) | ((IFNULL(rcode, -1) + 1) << 32) | " +
        "(CASE WHEN soa_serial IS NULL AND address IS NULL AND site IS NULL AND answers IS NULL AND uid IS NULL THEN 0 ELSE 1 << 48 END), " +
        "IFNULL(round, 0), IFNULL(rtt_us, -1), (IFNULL(id_server, -1) + 1) | ((IFNULL(hostname_bind, -1) + 1) << 32), IFNULL(nsid, -1), " +
        "soa_serial, IFNULL(address, -1), IFNULL(site, -1), IFNULL(answers, -1), uid " +
        "FROM measurements WHERE series_id = ?1 AND started_us >= ?2 AND started_us < ?3" + (allKinds ? string.Empty : " AND kind = 0") +
        " ORDER BY started_us, seq";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask ReadAsync(SeriesKey series, long fromUs, long toUs, IRowSink sink, CancellationToken cancellationToken)
    {
        var s = _statement.Handle;
        _statement.Check(SqliteNative.Reset(s));
        _statement.Check(SqliteNative.BindInt64(s, 1, series.Id));
        _statement.Check(SqliteNative.BindInt64(s, 2, fromUs));
        _statement.Check(SqliteNative.BindInt64(s, 3, toUs));
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
            var small = (ulong)SqliteNative.ColumnInt64(s, 1);
            row.Seq = (int)(small & 0xffff);
            row.Outcome = (byte)(small >> 16);
            row.Kind = (byte)(small >> 24);
            row.Rcode = (int)((small >> 32) & 0xffff) - 1;
            row.Round = SqliteNative.ColumnInt64(s, 2);
            row.Rtt = checked((int)SqliteNative.ColumnInt64(s, 3));
            var names = (ulong)SqliteNative.ColumnInt64(s, 4);
            row.IdServer = (int)(uint)names - 1;
            row.HostnameBind = (int)(uint)(names >> 32) - 1;
            row.Nsid = (int)SqliteNative.ColumnInt64(s, 5);
            if ((small & (1UL << 48)) == 0)
            {
                row.HasSoaSerial = false;
                row.Address = row.Site = row.Answers = -1;
                row.Uid = null;
            }
            else
            {
                row.HasSoaSerial = SqliteNative.ColumnType(s, 6) != raw.SQLITE_NULL;
                row.SoaSerial = row.HasSoaSerial ? SqliteNative.ColumnInt64(s, 6) : 0;
                row.Address = (int)SqliteNative.ColumnInt64(s, 7);
                row.Site = (int)SqliteNative.ColumnInt64(s, 8);
                row.Answers = (int)SqliteNative.ColumnInt64(s, 9);
                row.Uid = _statement.Guid(10);
            }

            sink.Add(row);
        }

        if (rc != raw.SQLITE_DONE)
        {
            _statement.Check(rc);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
