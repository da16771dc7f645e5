using System.Runtime.CompilerServices;

namespace Monitor.Storage.Sql;

/// <summary>
/// Fills <see cref="SeriesColumns"/> from the lean table series after series, in series order, with no
/// object per row: rows of one series started at the same microsecond are put in id order (as
/// <see cref="LeanReader"/> does), the only rows held back.
/// </summary>
internal static class ColumnReader
{
    public static async Task ReadAsync(SqlDialect dialect, MeasurementQuery query, Func<SeriesColumns, CancellationToken, ValueTask> onSeries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(onSeries);
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var keys = await ReadKeys.LoadAsync(connection, transaction, rounds: false, cancellationToken).ConfigureAwait(false);
        var series = keys.SeriesOf(query);
        series.Sort(LeanReader.SeriesOrder);
        var columns = new SeriesColumns(id => keys.Identity(id));
        var group = new List<LeanRow>();
        var spare = new Stack<LeanRow>();
        var conditions = LeanReader.Conditions(query, string.Empty);
        foreach (var s in series)
        {
            columns.Reset(s.VantageId, s.TargetId);
            // One range of the key per series on SQLite, the index on PostgreSQL; every column is read (the
            // row decoder is shared with the measurement reader), only the analysed ones are kept.
            var sql = FormattableString.Invariant($"SELECT {LeanColumns.List} FROM measurements WHERE series_id = {s.Id}{conditions} ORDER BY started_us, seq");
            await using (var rows = dialect.OpenRows(connection, transaction, sql))
            {
                while (true)
                {
                    var row = spare.Count > 0 ? spare.Pop() : new LeanRow();
                    if (!await rows.ReadAsync(row, cancellationToken).ConfigureAwait(false))
                    {
                        spare.Push(row);
                        break;
                    }

                    if (group.Count > 0 && group[0].Values[LeanColumns.Started] != row.Values[LeanColumns.Started])
                    {
                        Flush(columns, group, spare, s, keys);
                    }

                    group.Add(row);
                }
            }

            Flush(columns, group, spare, s, keys);
            if (columns.Count > 0)
            {
                await onSeries(columns, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Flush(SeriesColumns columns, List<LeanRow> group, Stack<LeanRow> spare, SeriesKey series, ReadKeys keys)
    {
        if (group.Count > 1)
        {
            group.Sort((a, b) => Id(a, series).CompareTo(Id(b, series)));
        }

        foreach (var row in group)
        {
            Append(columns, row, keys);
            spare.Push(row);
        }

        group.Clear();
    }

    private static Guid Id(LeanRow row, SeriesKey series) =>
        row.Uid ?? MeasurementIds.Derive(series.Hash, row.Values[LeanColumns.Started], (int)row.Values[LeanColumns.Seq], row.IsNull(LeanColumns.Round) ? 0 : row.Values[LeanColumns.Round]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Append(SeriesColumns columns, LeanRow row, ReadKeys keys)
    {
        var v = row.Values;
        var i = columns.Add(
            v[LeanColumns.Started],
            row.IsNull(LeanColumns.Rtt) ? SeriesColumns.None : checked((int)v[LeanColumns.Rtt]),
            (byte)v[LeanColumns.Outcome],
            row.IsNull(LeanColumns.Rcode) ? (short)SeriesColumns.None : (short)v[LeanColumns.Rcode],
            (byte)v[LeanColumns.Kind],
            row.IsNull(LeanColumns.IdServer) ? SeriesColumns.None : (int)v[LeanColumns.IdServer],
            row.IsNull(LeanColumns.HostnameBind) ? SeriesColumns.None : (int)v[LeanColumns.HostnameBind],
            row.IsNull(LeanColumns.Nsid) ? SeriesColumns.None : (int)v[LeanColumns.Nsid]);
        if (!row.IsNull(LeanColumns.Answers))
        {
            columns.Answers.Add((i, keys.Text(v[LeanColumns.Answers])));
        }

        if (!row.IsNull(LeanColumns.SoaSerial))
        {
            columns.SoaSerials.Add((i, v[LeanColumns.SoaSerial]));
        }

        if (!row.IsNull(LeanColumns.Address))
        {
            columns.Addresses.Add((i, keys.Address(v[LeanColumns.Address])));
        }

        if (!row.IsNull(LeanColumns.Site))
        {
            columns.SiteIds.Add((i, keys.Text(v[LeanColumns.Site])));
        }
    }
}
