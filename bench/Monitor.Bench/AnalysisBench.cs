using System.Diagnostics;
using System.Globalization;

using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Bench;

/// <summary>
/// Analysis and report at scale: seeds a SQLite database with the synthetic network, then runs the
/// real <c>monitor analyze --json</c> and <c>monitor report</c> as separate processes, each timed
/// with its peak RSS.
/// </summary>
internal sealed class AnalysisBench(BenchSettings settings, ResultTable results, string monitorDll)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    private readonly Dictionary<(string Command, int Rows), TimeSpan> _elapsed = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var rows in settings.AnalysisRows)
        {
            var directory = Directory.CreateTempSubdirectory("monitor-bench-analysis-").FullName;
            try
            {
                var db = settings.AnalysisDbDirectory is { } kept
                    ? Path.Combine(Directory.CreateDirectory(kept).FullName, string.Create(CultureInfo.InvariantCulture, $"seeded-{rows}.db"))
                    : Path.Combine(directory, "seeded.db");
                await OneAsync(rows, db, directory, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // Cost linear in rows: ten times the rows may take at most eleven times as long.
        foreach (var command in new[] { "analyze --json", "report" })
        {
            if (_elapsed.TryGetValue((command, 1_000_000), out var small) && _elapsed.TryGetValue((command, 10_000_000), out var large))
            {
                var ratio = large.TotalSeconds / small.TotalSeconds;
                results.Add("analysis", $"growth 10M ÷ 1M, sealed: monitor {command}", string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}× wall"), "≤ 11", ResultTable.Verdict(ratio <= 11));
            }
        }
    }

    private async Task OneAsync(int rows, string db, string directory, CancellationToken cancellationToken)
    {
        var label = rows >= 1_000_000 ? $"{rows / 1_000_000}M" : $"{rows / 1000}k";
        if (File.Exists(db))
        {
            results.Add("analysis", $"{label}: seeded SQLite kept from an earlier run", db);
        }
        else
        {
            // Seed under a temporary name so an interrupted seed is never mistaken for a kept database.
            var partial = db + ".partial";
            File.Delete(partial);
            var watch = Stopwatch.StartNew();
            long seeded;
            await using (var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(partial), TimeProvider.System, cancellationToken).ConfigureAwait(false))
            {
                seeded = await Ingest.SeedAsync(store, new SyntheticNetwork(), rows, settings.IngestBatch, cancellationToken).ConfigureAwait(false);
            }

            watch.Stop();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Move(partial, db);
            results.Add("analysis", $"{label}: seed SQLite ({seeded:N0} rows, 50 VPs × 20 targets)", string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:0.0} s ({seeded / watch.Elapsed.TotalSeconds:N0} rows/s, {new FileInfo(db).Length / 1048576.0:0} MiB)"));
        }

        // Rows only (a database nobody sealed), then a sealed copy: its closed days packed into blocks, as
        // `monitor run` leaves a database after each UTC day and `monitor import atlas` after an import.
        await MeasureAsync(rows, label + " rows only", db, directory, gated: false, cancellationToken).ConfigureAwait(false);
        var sealedDb = Path.Combine(directory, "sealed.db");
        File.Copy(db, sealedDb);
        var seal = await MonitorAsync(["db", "seal", "--db", sealedDb], cancellationToken).ConfigureAwait(false);
        results.Add("analysis", $"{label}: monitor db seal (every closed day, once)", Describe(seal) + string.Create(CultureInfo.InvariantCulture, $"; database {new FileInfo(db).Length / 1048576.0:0} → {new FileInfo(sealedDb).Length / 1048576.0:0} MiB"));
        await MeasureAsync(rows, label + " sealed", sealedDb, directory, gated: rows >= 10_000_000, cancellationToken).ConfigureAwait(false);
    }

    private async Task MeasureAsync(int rows, string label, string db, string directory, bool gated, CancellationToken cancellationToken)
    {
        var sealedRun = label.EndsWith("sealed", StringComparison.Ordinal);
        var analyze = await MonitorAsync(["analyze", "--db", db, "--json"], cancellationToken).ConfigureAwait(false);
        var analyzed = analyze.Elapsed.TotalSeconds <= 10 && analyze.PeakRssKb <= 1024 * 1024;
        var stretch = analyze.Elapsed.TotalSeconds <= 5 && analyze.PeakRssKb <= 512 * 1024;
        results.Add("analysis", $"{label}: monitor analyze --json", Describe(analyze), gated ? "≤ 10 s, ≤ 1 GiB (stretch 5 s, 512 MiB)" : string.Empty, gated ? ResultTable.Verdict(analyzed) + (stretch ? " (stretch met)" : string.Empty) : string.Empty);
        if (sealedRun)
        {
            _elapsed[("analyze --json", rows)] = analyze.Elapsed;
        }

        if (!settings.AnalysisReport)
        {
            return;
        }

        var output = Path.Combine(directory, "report");
        var report = await MonitorAsync(["report", "--db", db, "--out", output], cancellationToken).ConfigureAwait(false);
        Directory.Delete(output, recursive: true);
        var met = report.Elapsed.TotalSeconds <= 10 && report.PeakRssKb <= 1024 * 1024;
        results.Add("analysis", $"{label}: monitor report (analysis + PDF, HTML, PNG, CSV, JSON; no per-row exports)", Describe(report), gated ? "≤ 10 s, ≤ 1 GiB" : string.Empty, gated ? ResultTable.Verdict(met) : string.Empty);
        if (sealedRun)
        {
            _elapsed[("report", rows)] = report.Elapsed;
        }
    }

    private static string Describe(ChildResult run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.Elapsed.TotalSeconds:0.0} s wall ({run.Cpu.TotalSeconds:0.0} s CPU), peak RSS {run.PeakRssKb / 1024.0:0} MiB");

    private async Task<ChildResult> MonitorAsync(string[] args, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync("dotnet", [monitorDll, .. args], Limit, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"monitor {string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
        }

        return run;
    }
}
