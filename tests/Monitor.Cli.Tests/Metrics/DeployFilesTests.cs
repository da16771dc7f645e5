using System.Text.Json;

using Monitor.Cli.Metrics;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Metrics;

/// <summary>The Prometheus and Grafana files in probes/deploy/, checked by Prometheus's own tool.</summary>
public sealed class DeployFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Deploy(string name) => RepositoryFiles.Path("probes", "deploy", name);

    [Fact]
    public async Task AlertRules_PassPromtoolCheckRules()
    {
        var (code, output) = await PrometheusServer.PromtoolAsync(null, Ct, "check", "rules", Deploy("monitor-alerts.yml"));
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 8 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRules_FireOnTheirUnitTestSeries()
    {
        // Each alert fires on a series that should page and stays quiet on one that should not.
        var (code, output) = await PrometheusServer.PromtoolAsync(null, Ct, "test", "rules", Deploy("monitor-alerts.test.yml"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task ScrapeConfig_PassesPromtoolCheckConfig()
    {
        var (code, output) = await PrometheusServer.PromtoolAsync(null, Ct, "check", "config", Deploy("prometheus.yml"));
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployFiles_NameOnlyMetricsMonitorExports()
    {
        var exported = (await new MonitorMetrics().ScrapeAsync(Ct)).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Deploy("grafana-dashboard.json"), Ct));
        var text = string.Join('\n', dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()))
            + await File.ReadAllTextAsync(Deploy("monitor-alerts.yml"), Ct);

        var named = System.Text.RegularExpressions.Regex.Matches(text, @"\bmonitor_[a-z_]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.True(exported.Contains(n) || exported.Contains(Histogram(n)), $"{n} is not a metric Monitor exports"));
    }

    private static string Histogram(string series) =>
        series.EndsWith("_bucket", StringComparison.Ordinal) ? series[..^7] : series.EndsWith("_count", StringComparison.Ordinal) ? series[..^6] : series;
}
