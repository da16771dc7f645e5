using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

using Monitor.Core.Analysis.Sites;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Metrics;

/// <summary>
/// A real Prometheus on 127.0.0.1 scrapes a <c>monitor run --metrics</c> that probes in-process DNS
/// responders on 127.0.0.1; its HTTP API must return Monitor's series with their labels, load the
/// shipped alert rules, and answer every query of the shipped Grafana dashboard.
/// </summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-prom-run-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_WithMetrics_PrometheusScrapesEverySeriesWithItsLabels()
    {
        Requires.Executable(PrometheusServer.PrometheusPath, "prometheus");
        await using var answering = LoopbackTargets.Answering("ams1");
        await using var silent = FakeDnsServer.Silent();
        var metricsPort = NsdServer.FreePort();
        var config = LoopbackTargets.Write(_directory, "test-vp", [("answering", answering.EndPoint.Port), ("silent", silent.EndPoint.Port)]);

        using var run = CliRun.Start("run", "--config", config, "--db", Path.Combine(_directory, "m.db"), "--duration", "90s", "--metrics", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        run.OutputDataReceived += (_, _) => { };
        run.ErrorDataReceived += (_, _) => { };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            using var prometheus = PrometheusServer.Start([$"127.0.0.1:{metricsPort}"], [RepositoryFiles.Path("probes", "deploy", "monitor-alerts.yml")]);

            var rtt = await prometheus.WaitForSeriesAsync("monitor_probe_rtt_seconds_count{target=\"answering\"} > 0", Wait, Ct);
            var labels = Labels(Assert.Single(rtt.EnumerateArray()));
            var site = SiteResolver.CreateDefault().Resolve("ams1").Code;
            Assert.Equal(
                ("monitor", "local", "test-vp", site, "udp", "ipv4", $"127.0.0.1:{metricsPort}"),
                (labels["job"], labels["provider"], labels["vantage"], labels["site"], labels["transport"], labels["af"], labels["instance"]));

            var timeouts = await prometheus.WaitForSeriesAsync("monitor_probes_total{target=\"silent\",kind=\"regular\",outcome=\"timeout\"} > 0", Wait, Ct);
            Assert.Single(timeouts.EnumerateArray());
            Assert.Empty((await prometheus.QueryAsync("monitor_probe_rtt_seconds_count{target=\"silent\"}", Ct)).EnumerateArray());
            var answered = Assert.Single((await prometheus.QueryAsync("monitor_probes_total{target=\"answering\",outcome=\"answered\"}", Ct)).EnumerateArray());
            Assert.True(Value(answered) >= 1);

            // Every other series is there, with a value that could be wrong.
            Assert.Equal(1, Value(Assert.Single((await prometheus.QueryAsync("up{job=\"monitor\"}", Ct)).EnumerateArray())));
            var build = Assert.Single((await prometheus.QueryAsync("monitor_build_info", Ct)).EnumerateArray());
            Assert.StartsWith("0.", Labels(build)["version"], StringComparison.Ordinal);
            Assert.Equal(1, Value(build));
            Assert.True(Value(Assert.Single((await prometheus.QueryAsync("monitor_round_lateness_seconds_count{vantage=\"test-vp\"}", Ct)).EnumerateArray())) >= 1);
            Assert.Equal(0, Value(Assert.Single((await prometheus.QueryAsync("monitor_spool_rounds", Ct)).EnumerateArray())));
            Assert.Equal(0, Value(Assert.Single((await prometheus.QueryAsync("monitor_store_write_errors_total", Ct)).EnumerateArray())));
            Assert.Equal(2, (await prometheus.QueryAsync("monitor_site_changes_total == 0", Ct)).GetArrayLength());
            Assert.Equal(22, (await prometheus.QueryAsync("monitor_probe_rtt_seconds_bucket{target=\"answering\",le!=\"+Inf\"}", Ct)).GetArrayLength());

            // The shipped rules load and evaluate without error.
            var rules = await prometheus.GetAsync("/api/v1/rules", Ct);
            var groups = rules.GetProperty("data").GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(["monitor", "monitor-recording"], groups.Select(g => g.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            await UntilAsync(async () => (await prometheus.GetAsync("/api/v1/rules", Ct)).GetProperty("data").GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("rules").EnumerateArray()).All(r => r.GetProperty("health").GetString() == "ok"));

            // Every query of the shipped dashboard is valid PromQL (QueryAsync fails on an API error)
            // and finds Monitor's series; this run has no alert receivers, so those panels stay empty.
            // Rates need two samples in their range (a scrape that timed out on a loaded machine has none): wait for five.
            Assert.Single((await prometheus.WaitForSeriesAsync("count_over_time(monitor_probe_rtt_seconds_count{target=\"answering\"}[30s]) >= 5", Wait, Ct)).EnumerateArray());
            foreach (var query in DashboardQueries())
            {
                var result = await prometheus.QueryAsync(query, Ct);
                Assert.True(result.GetArrayLength() > 0 || query.Contains("monitor_alerts_", StringComparison.Ordinal), $"the dashboard query {query} found nothing");
            }
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync(Ct);
        }
    }

    [Fact]
    public async Task Scrape_OfARunningMonitor_PassesPromtoolCheckMetrics()
    {
        Requires.Executable(PrometheusServer.PromtoolPath, "prometheus");
        await using var answering = LoopbackTargets.Answering("fra1");
        var metricsPort = NsdServer.FreePort();
        var config = LoopbackTargets.Write(_directory, null, [("answering", answering.EndPoint.Port)]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = CliRun.InProcessAsync("run", "--config", config, "--db", Path.Combine(_directory, "c.db"), "--rounds", "3", "--metrics", $"127.0.0.1:{metricsPort}");

        string? scrape = null;
        await UntilAsync(async () =>
        {
            try
            {
                scrape = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), Ct);
                return scrape.Contains("monitor_probe_rtt_seconds_count{", StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        var (code, output) = await PrometheusServer.PromtoolAsync(scrape, Ct, "check", "metrics");
        var result = await run;

        Assert.True(code == 0, $"promtool check metrics: {output}");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"metrics at http://127.0.0.1:{metricsPort}/metrics", result.Output, StringComparison.Ordinal);
        foreach (var name in new[] { "monitor_probe_rtt_seconds", "monitor_probes_total", "monitor_site_changes_total", "monitor_round_lateness_seconds", "monitor_spool_rounds", "monitor_store_write_errors_total", "monitor_build_info" })
        {
            Assert.Contains($"# TYPE {name} ", scrape, StringComparison.Ordinal);
        }
    }

    /// <summary>The dashboard's PromQL with Grafana's variables given values.</summary>
    private static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("probes", "deploy", "grafana-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .Select(q => q.Replace("$__rate_interval", "30s", StringComparison.Ordinal).Replace("$__range", "1m", StringComparison.Ordinal)
                .Replace("\"$target\"", "\".*\"", StringComparison.Ordinal).Replace("\"$vantage\"", "\".*\"", StringComparison.Ordinal))
            .ToList();
        Assert.True(queries.Count >= 10);
        Assert.DoesNotContain(queries, q => Regex.IsMatch(q, @"\$\w"));
        return queries;
    }

    private static Dictionary<string, string> Labels(JsonElement series) =>
        series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static double Value(JsonElement series) =>
        double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Wait, "gave up waiting");
            await Task.Delay(200, Ct);
        }
    }
}
