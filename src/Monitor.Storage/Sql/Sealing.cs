using System.Data.Common;
using System.Globalization;

using Dapper;

namespace Monitor.Storage.Sql;

/// <summary>
/// Seals closed days: for each series and UTC day that ended at or before a cut and has no valid block, reads the
/// day's rows (every kind) and writes them as one <see cref="DayBlock"/> when their count equals the day's
/// rollups; a few days per transaction, so writers wait little. Needs no lock against writers: a block whose day
/// is written again no longer matches the rollups and is not read (<see cref="SealedDays"/>).
/// </summary>
internal static class Sealing
{
    private const int DaysPerTransaction = 32;

    private const string UpsertSql =
        "INSERT INTO series_blocks (series_id, day_us, rows, format, data) VALUES (@series, @day, @rows, @format, @data) " +
        "ON CONFLICT (series_id, day_us) DO UPDATE SET rows = excluded.rows, format = excluded.format, data = excluded.data";

    public static async Task<SealResult> SealAsync(SqlDialect dialect, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var end = DayBlock.DayOf(UnixTime.ToMicroseconds(before)); // days that end at or before the cut
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counted = await DaysAsync(
            connection,
            string.Create(CultureInfo.InvariantCulture, $"SELECT series_id, hour_us - (hour_us % {DayBlock.DayUs}), SUM(probes) FROM series_hours WHERE hour_us >= 0 AND hour_us < {end} GROUP BY series_id, hour_us - (hour_us % {DayBlock.DayUs})"),
            cancellationToken).ConfigureAwait(false);
        var blocks = await DaysAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT series_id, day_us, rows FROM series_blocks WHERE day_us < {end}"), cancellationToken).ConfigureAwait(false);
        var todo = counted.Where(c => blocks.GetValueOrDefault(c.Key, -1) != c.Value).Select(c => c.Key).Order().ToList();
        var already = counted.Count - todo.Count;
        int written = 0, skipped = 0;
        long rows = 0, octets = 0;
        var buffer = new RowBuffer();
        foreach (var chunk in todo.Chunk(DaysPerTransaction))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var source = SeriesReader.RowSource(connection, new MeasurementQuery { AllKinds = true });
            foreach (var (series, day) in chunk)
            {
                buffer.Rows.Clear();
                await source.ReadAsync(new SeriesKey(series, string.Empty, string.Empty), day, day + DayBlock.DayUs, buffer, cancellationToken).ConfigureAwait(false);
                if (buffer.Rows.Count != counted[(series, day)])
                {
                    skipped++;
                    continue;
                }

                var data = DayBlock.Encode(buffer.Rows);
                await connection.ExecuteAsync(new CommandDefinition(
                    UpsertSql,
                    new { series, day, rows = (long)buffer.Rows.Count, format = (short)DayBlock.Format, data },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                written++;
                rows += buffer.Rows.Count;
                octets += data.Length;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SealResult(UnixTime.FromMicroseconds(end), written, rows, octets, already, skipped);
    }

    /// <summary>Removes the blocks of the days that start before <paramref name="beforeUs"/> (a prune cuts into them).</summary>
    public static Task<int> ForgetAsync(DbConnection connection, long beforeUs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM series_blocks WHERE day_us < @beforeUs", new { beforeUs }, cancellationToken: cancellationToken));

    private static async Task<Dictionary<(int Series, long Day), long>> DaysAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var days = new Dictionary<(int, long), long>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            days[(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))] =
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        return days;
    }

    private sealed class RowBuffer : IRowSink
    {
        public List<SeriesRow> Rows { get; } = [];

        public void Add(in SeriesRow row) => Rows.Add(row);
    }
}
