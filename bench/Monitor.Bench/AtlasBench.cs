using System.Diagnostics;
using System.Globalization;

using Monitor.Probing.Atlas;
using Monitor.Testing;

namespace Monitor.Bench;

/// <summary>
/// Issue 16: reading RIPE Atlas results. Writes a synthetic Atlas DNS result file (1M results, JSON
/// array, uncompressed; <see cref="AtlasSyntheticResults"/>) to a temporary directory, then reads it
/// with <see cref="AtlasResultReader"/> in this process from the file: results/s (wall and CPU) and
/// the peak resident set while reading (the kernel's high-water mark, reset just before through
/// <c>/proc/self/clear_refs</c>, so the writing does not count), against a file many times larger;
/// then the real <c>monitor import atlas</c> of the same file into a fresh SQLite database as a
/// process (wall, CPU, peak RSS), and once more to time a re-import that adds nothing.
/// </summary>
internal sealed class AtlasBench(long resultCount, ResultTable results, string monitorDll)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public const double TargetRate = 100_000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("monitor-atlas-bench-");
        try
        {
            var path = Path.Combine(directory.FullName, "atlas-results.json");
            AtlasSyntheticSummary summary;
            await using (var file = File.Create(path))
            {
                summary = AtlasSyntheticResults.Write(file, new AtlasSyntheticOptions { Results = resultCount });
            }

            var (count, wall, cpu, peakKb) = await ParseAsync(path, cancellationToken).ConfigureAwait(false);
            var rate = count / wall.TotalSeconds;
            var label = $"{summary.Results.ToString("N0", CultureInfo.InvariantCulture)} results, {(summary.Bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture)} MiB uncompressed";
            results.Add("atlas", $"read Atlas results ({label}), wall", $"{ResultTable.Format(rate, "N0")} results/s", "≥ 100,000 results/s", ResultTable.Verdict(rate >= TargetRate));
            results.Add("atlas", "read Atlas results, CPU", $"{ResultTable.Format(count / cpu.TotalSeconds, "N0")} results/s");
            results.Add("atlas", "read Atlas results, peak RSS while reading", $"{ResultTable.Format(peakKb / 1024.0)} MiB (file {ResultTable.Format(summary.Bytes / 1048576.0, "0")} MiB)");
            if (count != summary.Results)
            {
                results.Note($"atlas: read {count} measurements of {summary.Results} written");
            }

            var db = Path.Combine(directory.FullName, "atlas.db");
            foreach (var pass in new[] { "import", "re-import (adds nothing)" })
            {
                var run = await ChildProcess.RunAsync("dotnet", [monitorDll, "import", "atlas", path, "--db", db, "--json"], Limit, cancellationToken).ConfigureAwait(false);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"monitor import atlas exited {run.ExitCode}: {run.Error}");
                }

                var importRate = summary.Results / run.Elapsed.TotalSeconds;
                var gated = pass == "import";
                results.Add(
                    "atlas",
                    $"monitor import atlas into SQLite, {pass} ({label})",
                    string.Create(CultureInfo.InvariantCulture, $"{importRate:N0} results/s; {run.Elapsed.TotalSeconds:0.0} s wall ({run.Cpu.TotalSeconds:0.0} s CPU), peak RSS {run.PeakRssKb / 1024.0:0} MiB"),
                    gated ? "≥ 100,000 results/s (reading), memory flat" : string.Empty,
                    string.Empty);
                if (!run.Output.Contains(pass == "import" ? $"\"stored\":{summary.Results}" : "\"stored\":0", StringComparison.Ordinal))
                {
                    results.Note($"atlas: {pass} reported {run.Output.Trim()}");
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Reads the file once; the counts, wall and CPU time, and the peak RSS in kB while reading.</summary>
    public static async Task<(long Count, TimeSpan Wall, TimeSpan Cpu, long PeakKb)> ParseAsync(string path, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ResetPeakRss();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = 0L;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false))
        {
            await foreach (var _ in new AtlasResultReader().ReadAsync(file, new AtlasFileStats(path), cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }

        watch.Stop();
        process.Refresh();
        return (count, watch.Elapsed, process.TotalProcessorTime - cpuBefore, Machine.StatusKilobytes(Environment.ProcessId, "VmHWM"));
    }

    /// <summary>Writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0).</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
