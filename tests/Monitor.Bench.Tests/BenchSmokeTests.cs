using Monitor.Testing;

namespace Monitor.Bench.Tests;

/// <summary>
/// CI's only benchmark: the end-to-end bench at smoke scale (seconds), checked for a well-formed
/// results file. It never judges speed: a MISSED target is a figure, not a failure.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task RunAsync_SmokeScale_WritesEveryExpectedRow()
    {
        Requires.Executable("/usr/sbin/nsd", "nsd");
        Requires.Executable("/usr/bin/dnsperf", "dnsperf");
        Requires.Executable("/usr/bin/kdig", "knot-dnsutils");
        var output = Path.Combine(Path.GetTempPath(), $"monitor-bench-smoke-{Guid.NewGuid():N}.md");
        try
        {
            var exit = await BenchRun.RunAsync(
                BenchSettings.Smoke, output, Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "bench/run.sh --smoke", label: null, append: false, TestContext.Current.CancellationToken);
            var text = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);

            Assert.True(exit == 0, text);
            Assert.Contains("| Section | Measure | Value | Target | Verdict | Load |", text, StringComparison.Ordinal);
            Assert.Contains("```sh\nbench/run.sh --smoke\n```", text, StringComparison.Ordinal);
            foreach (var row in new[]
            {
                "| probe | dnsperf max qps",
                "| probe | Monitor max probes/s",
                "| probe | Monitor max ÷ dnsperf max",
                "| timing | 10/s: Monitor p50 bias vs truth",
                "| timing | 1000/s: Monitor p50 bias vs truth",
                "| timing | 1000/s: Monitor added p99",
                "| timing | 1000/s: kdig p50 bias",
                "| timing | max: Monitor p50 bias vs truth",
                "| timing | 1000/s, kernel stamps off: Monitor p50 bias vs truth",
                "| storage | SQLite ingest (",
                "| analysis | 2k: seed SQLite",
                "| analysis | 2k rows only: monitor analyze --json",
                "| analysis | 2k: monitor db seal",
                "| analysis | 2k sealed: monitor analyze --json",
            })
            {
                Assert.Contains(row, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("failed:", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
