using System.Diagnostics;
using System.Globalization;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Bench;

/// <summary>Ingest rate: measurements/s into a fresh SQLite file and a fresh PostgreSQL database, through the store's own write path.</summary>
internal sealed class IngestBench(BenchSettings settings, ResultTable results)
{
    public async Task SqliteAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("monitor-bench-sqlite-").FullName;
        try
        {
            var dialect = new SqliteDialect(Path.Combine(directory, "ingest.db"));
            var (rate, clientCpu) = await MeasureAsync(dialect, cancellationToken).ConfigureAwait(false);
            await WindowAsync("SQLite", dialect, cancellationToken).ConfigureAwait(false);
            results.Add("storage", $"SQLite ingest ({settings.IngestRows:N0} rows, {settings.IngestBatch:N0} per write, WAL, synchronous=NORMAL)", ResultTable.Format(rate, "N0") + " measurements/s", "≥ 300,000/s", ResultTable.Verdict(rate >= 300_000));
            results.Add("storage", "SQLite ingest, CPU-bound rate (rows ÷ CPU seconds of the writing process; what an idle core gives)", ResultTable.Format(settings.IngestRows / clientCpu.TotalSeconds, "N0") + " measurements/s");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public async Task PostgresAsync(CancellationToken cancellationToken)
    {
        using var server = PostgresServer.Start();
        var dialect = new PostgresDialect(server.CreateDatabase(unixSocket: true));
        var serverBefore = ServerCpu(server);
        var (rate, clientCpu) = await MeasureAsync(dialect, cancellationToken).ConfigureAwait(false);
        var serverCpu = ServerCpu(server) - serverBefore;
        await WindowAsync("PostgreSQL", dialect, cancellationToken).ConfigureAwait(false);
        await DiskAsync(dialect, cancellationToken).ConfigureAwait(false);
        results.Add("storage", $"PostgreSQL 15 ingest ({settings.IngestRows:N0} rows, {settings.IngestBatch:N0} per write, binary COPY into day partitions, unix socket, fsync=off test server)", ResultTable.Format(rate, "N0") + " measurements/s", "≥ 600,000/s", ResultTable.Verdict(rate >= 600_000));
        results.Add("storage", "PostgreSQL ingest, CPU per row: client / server (rows ÷ CPU seconds of the slower side; what idle cores give)", string.Create(CultureInfo.InvariantCulture, $"{clientCpu.TotalMicroseconds / settings.IngestRows:0.00} µs / {serverCpu.TotalMicroseconds / settings.IngestRows:0.00} µs → {settings.IngestRows / Math.Max(clientCpu.TotalSeconds, serverCpu.TotalSeconds):N0} measurements/s"));
    }

    /// <summary>
    /// Disk per row on PostgreSQL (every partition of <c>measurements</c> with its index, and the hourly
    /// rollups), and what that makes a day of 1,000 targets probed from 1,000 vantage points once a minute.
    /// </summary>
    private async Task DiskAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT SUM(pg_total_relation_size(relid)) FROM pg_partition_tree('measurements')),
                (SELECT COUNT(*) FROM measurements),
                pg_total_relation_size('series_hours'),
                (SELECT COUNT(*) FROM series_hours)
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (rowBytes, rows, hourBytes, hours) = (Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        var perRow = rowBytes / rows;
        var perHour = hours == 0 ? 0 : (double)hourBytes / hours;
        const double RowsPerDay = 1000.0 * 1000 * 60 * 24;
        const double SeriesHoursPerDay = 1000.0 * 1000 * 24;
        results.Add("storage", string.Create(CultureInfo.InvariantCulture, $"PostgreSQL disk: measurements {rows:N0} rows, heap + index (pg_total_relation_size of every partition)"), string.Create(CultureInfo.InvariantCulture, $"{perRow:0.0} B/row"));
        results.Add("storage", string.Create(CultureInfo.InvariantCulture, $"PostgreSQL disk: series_hours {hours:N0} rollups (series × hour), with its key"), string.Create(CultureInfo.InvariantCulture, $"{perHour:0} B/series-hour"));
        results.Add("storage", "PostgreSQL disk a day at 1,000 targets × 1,000 vantage points × 1/min (1.44 G rows, 24 M series-hours)", string.Create(CultureInfo.InvariantCulture, $"{perRow * RowsPerDay / 1e9:0} GB rows + {perHour * SeriesHoursPerDay / 1e9:0.0} GB rollups"));
    }

    /// <summary>A 1-hour window out of the whole ingested table, read in series order (as analysis reads it) and by time.</summary>
    private async Task WindowAsync(string name, SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var from = stats.First!.Value + ((stats.Last!.Value - stats.First.Value - TimeSpan.FromHours(1)) / 2);
        foreach (var order in new[] { MeasurementOrder.Series, MeasurementOrder.Time })
        {
            var watch = Stopwatch.StartNew();
            var count = await store.ReadMeasurementsAsync(new MeasurementQuery { From = from, To = from.AddHours(1), Order = order }, cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            watch.Stop();
            results.Add("storage", string.Create(CultureInfo.InvariantCulture, $"{name}: a 1-hour window out of {stats.Measurements:N0} rows ({count:N0} rows read, {order.ToString().ToLowerInvariant()} order)"), string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:0.000} s"), "≤ 0.5 s", ResultTable.Verdict(watch.Elapsed.TotalSeconds <= 0.5));
        }
    }

    /// <summary>CPU time of the test server's processes (the postmaster and its children), from /proc.</summary>
    private static TimeSpan ServerCpu(PostgresServer server)
    {
        var pidFile = Path.Combine(server.SocketDirectory, "data", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return TimeSpan.Zero;
        }

        var postmaster = File.ReadLines(pidFile).First().Trim();
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (Path.GetFileName(dir) == postmaster || fields[1] == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    private async Task<(double Rate, TimeSpan ClientCpu)> MeasureAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        var network = new SyntheticNetwork();
        var rows = network.Measurements(settings.IngestRows).ToList();
        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        await store.UpsertTargetsAsync(network.Targets, SyntheticNetwork.Start, cancellationToken).ConfigureAwait(false);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long written = 0;
        Round? firstRound = null;
        for (var start = 0; start < rows.Count; start += settings.IngestBatch)
        {
            var batch = rows.GetRange(start, Math.Min(settings.IngestBatch, rows.Count - start));
            var first = batch[0];
            var round = new Round(Guid.CreateVersion7(first.Started), first.VantageId, first.Started, first.Started, batch[^1].Started, batch.Count, batch.Count);
            firstRound ??= round;
            written += await store.WriteRoundAsync(round, batch, cancellationToken).ConfigureAwait(false);
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (written != rows.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"wrote {written} of {rows.Count} rows"));
        }

        // The no-duplicates contract still holds on the fast path: a round written again (idempotence per round) adds nothing.
        var again = await store.WriteRoundAsync(firstRound!, rows.GetRange(0, Math.Min(settings.IngestBatch, rows.Count)), cancellationToken).ConfigureAwait(false);
        if (again != 0)
        {
            throw new InvalidOperationException($"writing a stored round again added {again}");
        }

        return (written / watch.Elapsed.TotalSeconds, cpu);
    }
}
