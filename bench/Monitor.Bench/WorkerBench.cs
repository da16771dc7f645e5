using System.Diagnostics;
using System.Globalization;
using System.Text;


namespace Monitor.Bench;

/// <summary>
/// Worker memory: <c>monitor run</c> (embedded SQLite + Hangfire) probing loopback targets on a real
/// NSD every 5 s; VmRSS sampled twice a second, VmHWM (peak) read last.
/// </summary>
internal sealed class WorkerBench(BenchSettings settings, ResultTable results, string monitorDll)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var nsd = BenchNsd.Start();
        var directory = Directory.CreateTempSubdirectory("monitor-bench-worker-").FullName;
        try
        {
            var config = Path.Combine(directory, "targets.yaml");
            var yaml = new StringBuilder("interval: 5s\ntimeout: 1s\nvantage:\n  id: bench\ntargets:\n");
            for (var i = 0; i < settings.WorkerTargets; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - id: t{i:000}\n    provider: bench\n    address: 127.0.0.1\n    port: {nsd.Port}\n    kind: unicast\n    identity: [nsid, id.server]\n");
            }

            await File.WriteAllTextAsync(config, yaml.ToString(), cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { monitorDll, "run", "--config", config, "--db", Path.Combine(directory, "worker.db"), "--duration", settings.WorkerSeconds.ToString(CultureInfo.InvariantCulture) + "s" })
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var samples = new List<long>();
            long hwm = -1;
            var deadline = DateTime.UtcNow.AddSeconds(settings.WorkerSeconds + 60);
            while (!process.HasExited && DateTime.UtcNow < deadline)
            {
                var rss = Machine.StatusKilobytes(process.Id, "VmRSS");
                var peak = Machine.StatusKilobytes(process.Id, "VmHWM");
                if (rss > 0)
                {
                    samples.Add(rss);
                    hwm = Math.Max(hwm, peak);
                }

                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            _ = await output.ConfigureAwait(false);
            var err = await error.ConfigureAwait(false);
            if (samples.Count == 0)
            {
                results.Note("monitor run exited before any RSS sample: " + err);
                return;
            }

            var steady = samples.Skip(samples.Count / 2).Order().ElementAt((samples.Count - (samples.Count / 2)) / 2);
            results.Add(
                "worker",
                $"monitor run RSS, {settings.WorkerTargets} loopback targets every 5 s, {settings.WorkerSeconds} s (steady = median of the second half; peak = VmHWM)",
                string.Create(CultureInfo.InvariantCulture, $"steady {steady * 1024 / 1e6:0} MB, peak {hwm * 1024 / 1e6:0} MB"),
                "≤ 150 MB",
                ResultTable.Verdict(hwm * 1024 <= 150_000_000));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
