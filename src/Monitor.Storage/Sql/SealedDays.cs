using System.Data.Common;
using System.Globalization;

namespace Monitor.Storage.Sql;

/// <summary>
/// The day blocks of <c>series_blocks</c> that a read may use instead of rows: those whose row count equals the
/// probes the hourly rollups (<c>series_hours</c>) count for that series and day, read in the read's snapshot.
/// Every write adds to the rollups in the transaction of its rows, so a day written again after it was sealed
/// (a spooled round, a late import) no longer matches and is read from its rows until it is sealed again;
/// a prune removes the blocks of the days it cuts into.
/// </summary>
internal sealed class SealedDays
{
    private static readonly long[] None = [];
    private readonly Dictionary<int, long[]> _days;

    private SealedDays(Dictionary<int, long[]> days) => _days = days;

    /// <summary>How many blocks the read may use.</summary>
    public int Count => _days.Values.Sum(d => d.Length);

    /// <summary>The starts of the sealed days of series <paramref name="seriesId"/>, ascending.</summary>
    public long[] Of(int seriesId) => _days.TryGetValue(seriesId, out var days) ? days : None;

    /// <summary>The SQL of the valid blocks of the days that meet [<paramref name="fromUs"/>, <paramref name="toUs"/>).</summary>
    private static string ValidSql(long fromUs, long toUs)
    {
        var where = new List<string>();
        if (fromUs != long.MinValue)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"b.day_us > {fromUs - DayBlock.DayUs}"));
        }

        if (toUs != long.MaxValue)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"b.day_us < {toUs}"));
        }

        where.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"b.rows = (SELECT SUM(h.probes) FROM series_hours h WHERE h.series_id = b.series_id AND h.hour_us >= b.day_us AND h.hour_us < b.day_us + {DayBlock.DayUs})"));
        return "SELECT b.series_id, b.day_us FROM series_blocks b WHERE " + string.Join(" AND ", where) + " ORDER BY b.series_id, b.day_us";
    }

    /// <summary>Reads the valid blocks of the window in <paramref name="transaction"/>.</summary>
    public static async Task<SealedDays> LoadAsync(DbConnection connection, DbTransaction transaction, long fromUs, long toUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ValidSql(fromUs, toUs);
        var lists = new Dictionary<int, List<long>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var series = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                if (!lists.TryGetValue(series, out var list))
                {
                    lists[series] = list = [];
                }

                list.Add(reader.GetInt64(1));
            }
        }

        return new SealedDays(lists.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }
}
