using System.Globalization;

using Npgsql;

using NpgsqlTypes;

namespace Monitor.Storage.Sql;

/// <summary>
/// A series' rows from PostgreSQL by binary <c>COPY (SELECT …) TO STDOUT</c>: one statement per series on the
/// index (series, start) and, for a window, only its day partitions; only the columns the analysis needs, each
/// read by its type from the binary stream (no row object, no text parsing), NULLs made −1 in SQL.
/// </summary>
internal sealed class PostgresSeriesSource(NpgsqlConnection connection, MeasurementQuery query) : ISeriesSource
{
    private readonly string _kinds = query.AllKinds ? string.Empty : " AND kind = 0";

    public async ValueTask ReadAsync(SeriesKey series, long fromUs, long toUs, IRowSink sink, CancellationToken cancellationToken)
    {
        // The bounds as literals, so that PostgreSQL prunes day partitions when it plans the statement.
        var bounds = (fromUs == long.MinValue ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" AND started_us >= {fromUs}")) +
            (toUs == long.MaxValue ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" AND started_us < {toUs}"));
        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"COPY (SELECT started_us, seq, COALESCE(round, 0), outcome, kind, COALESCE(rtt_us, -1), COALESCE(rcode, -1), COALESCE(id_server, -1), COALESCE(hostname_bind, -1), COALESCE(nsid, -1), soa_serial, COALESCE(address, -1), COALESCE(site, -1), COALESCE(answers, -1), uid FROM measurements WHERE series_id = {series.Id}{bounds}{_kinds} ORDER BY started_us, seq) TO STDOUT (FORMAT BINARY)");
        await using var export = await connection.BeginBinaryExportAsync(sql, cancellationToken).ConfigureAwait(false);
        var row = default(SeriesRow);
        while (await export.StartRowAsync(cancellationToken).ConfigureAwait(false) != -1)
        {
            // Synchronous reads: a row is in Npgsql's buffer once started (an await per value cost more than the value).
            row.Started = export.Read<long>(NpgsqlDbType.Bigint);
            row.Seq = export.Read<short>(NpgsqlDbType.Smallint);
            row.Round = export.Read<long>(NpgsqlDbType.Bigint);
            row.Outcome = (byte)export.Read<short>(NpgsqlDbType.Smallint);
            row.Kind = (byte)export.Read<short>(NpgsqlDbType.Smallint);
            row.Rtt = checked((int)export.Read<long>(NpgsqlDbType.Bigint));
            row.Rcode = export.Read<int>(NpgsqlDbType.Integer);
            row.IdServer = export.Read<int>(NpgsqlDbType.Integer);
            row.HostnameBind = export.Read<int>(NpgsqlDbType.Integer);
            row.Nsid = export.Read<int>(NpgsqlDbType.Integer);
            row.HasSoaSerial = !export.IsNull;
            if (row.HasSoaSerial)
            {
                row.SoaSerial = export.Read<long>(NpgsqlDbType.Bigint);
            }
            else
            {
                row.SoaSerial = 0;
                export.Skip();
            }

            row.Address = export.Read<int>(NpgsqlDbType.Integer);
            row.Site = export.Read<int>(NpgsqlDbType.Integer);
            row.Answers = export.Read<int>(NpgsqlDbType.Integer);
            if (export.IsNull)
            {
                row.Uid = null;
                export.Skip();
            }
            else
            {
                row.Uid = export.Read<Guid>(NpgsqlDbType.Uuid);
            }

            sink.Add(row);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
