using System.Diagnostics;
using System.Globalization;

namespace Monitor.Bench;

/// <summary>Runs a program to its end (bounded by a timeout), with its wall time and peak RSS (from /usr/bin/time).</summary>
internal static class ChildProcess
{
    private const string TimePath = "/usr/bin/time";

    public static async Task<ChildResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var rssFile = Path.GetTempFileName();
        try
        {
            var timed = File.Exists(TimePath);
            var start = new ProcessStartInfo(timed ? TimePath : file) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (timed)
            {
                foreach (var a in new[] { "-f", "%M %U %S", "-o", rssFile, file })
                {
                    start.ArgumentList.Add(a);
                }
            }

            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s");
            }

            watch.Stop();
            long peakKb = -1;
            var cpu = TimeSpan.Zero;
            if (timed && File.Exists(rssFile))
            {
                var fields = ((await File.ReadAllTextAsync(rssFile, cancellationToken).ConfigureAwait(false)).Trim().Split('\n').LastOrDefault() ?? string.Empty).Split(' ');
                if (fields.Length == 3 && long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                {
                    peakKb = kb;
                    cpu = TimeSpan.FromSeconds(double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture));
                }
            }

            return new ChildResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false), watch.Elapsed, peakKb, cpu);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }
}
