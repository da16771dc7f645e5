using System.Net;

using Monitor.Cli.Metrics;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Rounds;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Metrics;

/// <summary>Kept rounds turned into metrics: labels, the site cap, site changes, store errors.</summary>
public sealed class MetricsListenerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Target Udp4 = new("t", IPAddress.Loopback) { Provider = "p" };
    private static readonly Target Tcp6 = new("six", IPAddress.IPv6Loopback) { Provider = "q", Transport = Transport.Tcp };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Measurement Probe(Target target, int second, string? nsid, ProbeKind kind = ProbeKind.Regular)
    {
        var m = Some.Measurement("vp", target.Id, T0.AddSeconds(second), nsid is null ? ProbeOutcome.Timeout : ProbeOutcome.Answered, 12, idServer: null, nsid: nsid is "" ? null : nsid);
        return m with { Transport = target.Transport, Kind = kind };
    }

    private static KeptRound Round(int second, bool stored, params Measurement[] measurements) =>
        KeptRounds.Of(new Dictionary<string, Target> { [Udp4.Id] = Udp4, [Tcp6.Id] = Tcp6 }, stored, measurements);

    private static async Task<string[]> ScrapeAsync(MonitorMetrics metrics) => (await metrics.ScrapeAsync(Ct)).Split('\n');

    [Fact]
    public async Task Kept_AnsweredAndLost_CountsOutcomesAndRttWithTheirLabels()
    {
        var metrics = new MonitorMetrics();
        var listener = new MetricsListener(metrics, SiteResolver.CreateDefault());
        var site = SiteResolver.CreateDefault().Resolve(new ObservedIdentity(null, null, new IdentityValue("ams1.example"u8.ToArray()))).Code;

        listener.Kept(Round(0, true, Probe(Udp4, 0, "ams1.example"), Probe(Tcp6, 0, null)));
        listener.Kept(Round(1, true, Probe(Udp4, 1, null, ProbeKind.Burst)));

        var lines = await ScrapeAsync(metrics);
        Assert.Contains("monitor_probes_total{target=\"t\",provider=\"p\",vantage=\"vp\",transport=\"udp\",af=\"ipv4\",kind=\"regular\",outcome=\"answered\"} 1", lines);
        Assert.Contains("monitor_probes_total{target=\"t\",provider=\"p\",vantage=\"vp\",transport=\"udp\",af=\"ipv4\",kind=\"burst\",outcome=\"timeout\"} 1", lines);
        Assert.Contains("monitor_probes_total{target=\"six\",provider=\"q\",vantage=\"vp\",transport=\"tcp\",af=\"ipv6\",kind=\"regular\",outcome=\"timeout\"} 1", lines);
        Assert.Contains($"monitor_probe_rtt_seconds_count{{target=\"t\",provider=\"p\",vantage=\"vp\",site=\"{site}\",transport=\"udp\",af=\"ipv4\"}} 1", lines);
        Assert.Contains($"monitor_probe_rtt_seconds_bucket{{target=\"t\",provider=\"p\",vantage=\"vp\",site=\"{site}\",transport=\"udp\",af=\"ipv4\",le=\"0.01\"}} 0", lines);
        Assert.Contains($"monitor_probe_rtt_seconds_bucket{{target=\"t\",provider=\"p\",vantage=\"vp\",site=\"{site}\",transport=\"udp\",af=\"ipv4\",le=\"0.015\"}} 1", lines);
        Assert.Contains("monitor_round_lateness_seconds_count{vantage=\"vp\"} 1", lines);
        Assert.Contains("monitor_round_lateness_seconds_sum{vantage=\"vp\"} 0.25", lines);
        Assert.Contains("monitor_store_write_errors_total 0", lines);
    }

    [Fact]
    public async Task Kept_MoreSitesThanTheCap_LaterSitesAreOther()
    {
        var metrics = new MonitorMetrics();
        var listener = new MetricsListener(metrics, SiteResolver.CreateDefault());
        var count = MetricsListener.MaxSitesPerTarget + 5;
        for (var i = 0; i < count; i++)
        {
            listener.Kept(Round(i, true, Probe(Udp4, i, $"node-{i}-unparsed"), Probe(Tcp6, i, $"node-{i}-unparsed")));
        }

        listener.Kept(Round(count, true, Probe(Udp4, count, "node-0-unparsed"), Probe(Udp4, count, string.Empty)));

        var sites = (await ScrapeAsync(metrics))
            .Where(l => l.StartsWith("monitor_probe_rtt_seconds_count{target=\"t\"", StringComparison.Ordinal))
            .Select(l => l.Split("site=\"")[1].Split('"')[0])
            .ToList();
        Assert.Equal(MetricsListener.MaxSitesPerTarget + 2, sites.Count);
        Assert.Contains("other", sites);
        Assert.Contains("unknown", sites);
        Assert.Contains(sites, s => s.Contains("node-0", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sites, s => s.Contains($"node-{count - 1}", StringComparison.OrdinalIgnoreCase));

        // The cap is per target: the other target has its own first sites.
        Assert.Equal(MetricsListener.MaxSitesPerTarget + 1, (await ScrapeAsync(metrics)).Count(l => l.StartsWith("monitor_probe_rtt_seconds_count{target=\"six\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kept_NewSitePersists_CountsOneSiteChange()
    {
        var metrics = new MonitorMetrics();
        var listener = new MetricsListener(metrics, SiteResolver.CreateDefault());
        string[] series = ["ams1", "ams1", "ams1", "fra1", "ams1", "fra1", "fra1", "fra1", "fra1"];
        for (var i = 0; i < series.Length; i++)
        {
            listener.Kept(Round(i, true, Probe(Udp4, i, series[i])));
        }

        Assert.Contains("monitor_site_changes_total{target=\"t\",provider=\"p\",vantage=\"vp\"} 1", await ScrapeAsync(metrics));
    }

    [Fact]
    public async Task Kept_DatabaseRefusedTheRound_CountsAStoreWriteError()
    {
        var metrics = new MonitorMetrics();
        var listener = new MetricsListener(metrics, SiteResolver.CreateDefault());

        listener.Kept(Round(0, false, Probe(Udp4, 0, "ams1")));
        listener.Kept(Round(1, true, Probe(Udp4, 1, "ams1")));
        listener.Kept(Round(2, false, Probe(Udp4, 2, "ams1")));

        Assert.Contains("monitor_store_write_errors_total 2", await ScrapeAsync(metrics));
    }

    [Fact]
    public async Task WatchSpool_SetsTheGaugeAtScrapeTime()
    {
        var metrics = new MonitorMetrics();
        var pending = 3;
        metrics.WatchSpool(() => pending);

        Assert.Contains("monitor_spool_rounds 3", await ScrapeAsync(metrics));
        pending = 0;
        Assert.Contains("monitor_spool_rounds 0", await ScrapeAsync(metrics));
    }
}
