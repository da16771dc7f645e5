using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// Reads measurements from the lean table in one snapshot, reading only the rows asked for: a time
/// window is a range of <c>started_us</c> within each series (the table's key on SQLite, its index on
/// PostgreSQL, and on PostgreSQL only the window's day partitions), so a short window out of a large
/// table costs in proportion to the window.
/// </summary>
internal static class LeanReader
{
    public static async IAsyncEnumerable<Measurement> ReadAsync(SqlDialect dialect, MeasurementQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var keys = await ReadKeys.LoadAsync(connection, transaction, rounds: !dialect.ReadsSeriesOneByOne, cancellationToken).ConfigureAwait(false);
        var series = keys.SeriesOf(query);
        if (series.Count == 0)
        {
            yield break;
        }

        await foreach (var m in TiesById(Rows(dialect, connection, transaction, keys, series, query, cancellationToken), query.Order == MeasurementOrder.Time).ConfigureAwait(false))
        {
            yield return m;
        }
    }

    // The rows in the order asked for, rows started at the same microsecond (of one series, in series order) in any order.
    private static async IAsyncEnumerable<Measurement> Rows(SqlDialect dialect, DbConnection connection, DbTransaction transaction, ReadKeys keys, List<SeriesKey> series, MeasurementQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var row = new LeanRow();
        var read = 0;
        if (query.Order == MeasurementOrder.Series && dialect.ReadsSeriesOneByOne)
        {
            var conditions = Conditions(query, string.Empty);
            series.Sort(SeriesOrder);
            foreach (var s in series)
            {
                var sql = string.Create(CultureInfo.InvariantCulture, $"SELECT {LeanColumns.List} FROM measurements WHERE series_id = {s.Id}{conditions} ORDER BY started_us, seq");
                await using var rows = dialect.OpenRows(connection, transaction, sql);
                while (await rows.ReadAsync(row, cancellationToken).ConfigureAwait(false))
                {
                    if ((++read & 0xffff) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    yield return row.ToMeasurement(keys, s);
                }
            }

            yield break;
        }

        var restrict = query.VantageId is not null || query.TargetId is not null || query.From is not null || query.To is not null;
        var inSeries = restrict ? " AND m.series_id IN (" + string.Join(',', series.Select(s => s.Id.ToString(CultureInfo.InvariantCulture))) + ")" : string.Empty;
        var where = " WHERE 1 = 1" + inSeries + Conditions(query, "m.");
        var columns = string.Join(", ", LeanColumns.Names.Select(n => "m." + n));
        var sqlAll = query.Order == MeasurementOrder.Series
            // One query, series in octet order of their ids (collation C: UTF-8 bytes, as SQLite's BINARY).
            ? $"SELECT {columns} FROM measurements m JOIN series s ON s.id = m.series_id{where} ORDER BY s.vantage_id COLLATE \"C\", s.target_id COLLATE \"C\", m.started_us, m.seq"
            : $"SELECT {columns} FROM measurements m{where} ORDER BY m.started_us, m.seq";
        await using var all = dialect.OpenRows(connection, transaction, sqlAll);
        while (await all.ReadAsync(row, cancellationToken).ConfigureAwait(false))
        {
            if ((++read & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return row.ToMeasurement(keys, keys.Series[(int)row.Values[LeanColumns.Series]]);
        }
    }

    // Rows started at the same microsecond (and, unless across series, of one series) put in id order: a few at most.
    private static async IAsyncEnumerable<Measurement> TiesById(IAsyncEnumerable<Measurement> rows, bool acrossSeries)
    {
        var ties = new List<Measurement>();
        await foreach (var m in rows.ConfigureAwait(false))
        {
            if (ties.Count > 0 && (ties[0].Started != m.Started || (!acrossSeries && (!ReferenceEquals(ties[0].VantageId, m.VantageId) || !ReferenceEquals(ties[0].TargetId, m.TargetId)))))
            {
                if (ties.Count > 1)
                {
                    ties.Sort((a, b) => a.Id.CompareTo(b.Id));
                }

                foreach (var tied in ties)
                {
                    yield return tied;
                }

                ties.Clear();
            }

            ties.Add(m);
        }

        if (ties.Count > 1)
        {
            ties.Sort((a, b) => a.Id.CompareTo(b.Id));
        }

        foreach (var tied in ties)
        {
            yield return tied;
        }
    }

    /// <summary>The WHERE clause of a rounds query: its window on <c>scheduled_us</c>, its vantage point and kinds.</summary>
    public static string RoundsWhere(MeasurementQuery query, DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(command);
        var where = new List<string>();
        if (query.From is { } from)
        {
            where.Add("scheduled_us >= " + AddParameter(command, "from", UnixTime.ToMicroseconds(from)));
        }

        if (query.To is { } to)
        {
            where.Add("scheduled_us < " + AddParameter(command, "to", UnixTime.ToMicroseconds(to)));
        }

        if (query.VantageId is { } vantage)
        {
            where.Add("vantage_id = " + AddParameter(command, "vantage", vantage));
        }

        if (!query.AllKinds)
        {
            where.Add("kind = 0");
        }

        return where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty;
    }

    /// <summary>Series in octet order of the UTF-8 of their vantage ids, then target ids.</summary>
    public static int SeriesOrder(SeriesKey a, SeriesKey b)
    {
        var byVantage = Encoding.UTF8.GetBytes(a.VantageId).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.VantageId));
        return byVantage != 0 ? byVantage : Encoding.UTF8.GetBytes(a.TargetId).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.TargetId));
    }

    // Integers only, so they are written into the SQL: no parameter to bind per series.
    public static string Conditions(MeasurementQuery query, string alias)
    {
        var sql = new StringBuilder();
        if (query.From is { } from)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {alias}started_us >= {UnixTime.ToMicroseconds(from)}");
        }

        if (query.To is { } to)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {alias}started_us < {UnixTime.ToMicroseconds(to)}");
        }

        if (!query.AllKinds)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {alias}kind = 0");
        }

        return sql.ToString();
    }

    private static string AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
        return p.ParameterName;
    }
}
