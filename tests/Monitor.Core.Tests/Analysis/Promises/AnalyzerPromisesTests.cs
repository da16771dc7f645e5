using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Promises;

/// <summary>The anycast promises through the whole <see cref="Analyzer"/>: burst and site probes kept apart from the statistics.</summary>
public sealed class AnalyzerPromisesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, VantagePoint> Vantages = new(StringComparer.Ordinal)
    {
        ["vp-ams"] = new("vp-ams") { Country = "NL" },
        ["vp-sin"] = new("vp-sin") { Country = "SG" },
    };

    private static Site Resolve(ObservedIdentity identity)
    {
        var code = (identity.IdServer?.Text ?? "?")[..3].ToUpperInvariant();
        return new Site(code, null, null, null, null, true);
    }

    private static Measurement Probe(string vantage, string target, double atSeconds, string? site, double rttMs = 5, ProbeKind kind = ProbeKind.Regular, string? siteId = null, string? answers = null) => new()
    {
        Id = Guid.NewGuid(),
        VantageId = vantage,
        TargetId = target,
        Started = T0.AddSeconds(atSeconds),
        Outcome = site is null ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
        Rtt = site is null ? null : TimeSpan.FromMilliseconds(rttMs),
        Rcode = site is null ? null : DnsRcodes.NoError,
        Identity = site is null ? ObservedIdentity.None : new ObservedIdentity(IdentityValue.FromAscii(site + "1"), null, null),
        Kind = kind,
        SiteId = siteId,
        Answers = answers,
    };

    private static Task<AnalysisReport> AnalyzeAsync(IEnumerable<Measurement> measurements) =>
        new Analyzer(Resolve, new Dictionary<string, string> { ["dns"] = "acme", ["www"] = "acme" }, Vantages)
            .AnalyzeAsync(
                measurements.OrderBy(m => m.VantageId, StringComparer.Ordinal).ThenBy(m => m.TargetId, StringComparer.Ordinal).ThenBy(m => m.Started).ToAsyncEnumerable(),
                AnalysisWindow.All,
                TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnalyzeAsync_BurstProbes_TimeTheFailover_AndStayOutOfTheStatistics()
    {
        // Rounds every 10 s; ams stops answering after 20 s; bursts every 0.5 s find fra at 31.5 s.
        var probes = new List<Measurement>
        {
            Probe("vp-ams", "dns", 0, "ams"),
            Probe("vp-ams", "dns", 10, "ams"),
            Probe("vp-ams", "dns", 20, "ams"),
            Probe("vp-ams", "dns", 30, null),
            Probe("vp-ams", "dns", 40, "fra", 9),
            Probe("vp-ams", "dns", 50, "fra", 9),
        };
        probes.AddRange(Enumerable.Range(1, 3).Select(i => Probe("vp-ams", "dns", 30 + (0.5 * i), null, kind: ProbeKind.Burst)));
        probes.Add(Probe("vp-ams", "dns", 31.5 + 0.5, "fra", 1000, ProbeKind.Burst));

        var report = await AnalyzeAsync(probes);

        var f = Assert.Single(report.Failovers);
        Assert.Equal(("AMS", "FRA", 4), (f.From, f.To, f.Lost));
        Assert.Equal(T0.AddSeconds(20), f.LastOk);
        Assert.Equal(T0.AddSeconds(32), f.FirstOk);
        Assert.Equal(12_000, f.GapMs, 6);

        // The 1000 ms burst answer and the burst timeouts are not in the latency: 6 regular probes, 1 lost.
        var latency = Assert.Single(report.TargetLatency);
        Assert.Equal(6, latency.Latency.Sent);
        Assert.Equal(9, latency.Latency.MaxMs);
    }

    [Fact]
    public async Task AnalyzeAsync_GapBackOnTheSameSite_IsAnOutageNotAFailover()
    {
        // vp-ams: AMS, 3 lost, AMS again (an outage). vp-sin: SIN, 2 lost, AMS (a failover).
        var probes = new List<Measurement>();
        foreach (var (at, site) in new (double, string?)[] { (0, "ams"), (10, null), (20, null), (30, null), (40, "ams"), (50, "ams") })
        {
            probes.Add(Probe("vp-ams", "dns", at, site));
        }

        foreach (var (at, site) in new (double, string?)[] { (0, "sin"), (10, null), (20, null), (30, "ams"), (40, "ams") })
        {
            probes.Add(Probe("vp-sin", "dns", at, site));
        }

        var report = await AnalyzeAsync(probes);

        var failover = Assert.Single(report.Failovers);
        Assert.Equal(("vp-sin", "SIN", "AMS", 2), (failover.VantageId, failover.From, failover.To, failover.Lost));
        var outage = Assert.Single(report.Outages);
        Assert.Equal(("vp-ams", "AMS", "AMS", 3), (outage.VantageId, outage.From, outage.To, outage.Lost));
        Assert.Equal(40_000, outage.GapMs, 6);
        var promise = Assert.Single(report.Promises);
        Assert.Equal((1, 1, 30_000.0), (promise.Failovers, promise.Outages, promise.FailoverMaxMs));
    }

    [Fact]
    public async Task AnalyzeAsync_SiteProbes_GiveNearestSiteAndInflation()
    {
        var probes = new List<Measurement>();
        for (var i = 0; i < 5; i++)
        {
            // vp-ams is served by SIN through anycast (40 ms) although AMS answers in 2 ms on its own address.
            probes.Add(Probe("vp-ams", "dns", 10 * i, "sin", 40));
            probes.Add(Probe("vp-ams", "dns", (10 * i) + 0.1, "ams", 2 + (i % 2), ProbeKind.Site, "ams-1"));
            probes.Add(Probe("vp-ams", "dns", (10 * i) + 0.2, "sin", 39, ProbeKind.Site, "sin-1"));
            probes.Add(Probe("vp-sin", "dns", 10 * i, "sin", 3));
            probes.Add(Probe("vp-sin", "dns", (10 * i) + 0.1, "ams", 150, ProbeKind.Site, "ams-1"));
            probes.Add(Probe("vp-sin", "dns", (10 * i) + 0.2, "sin", 3, ProbeKind.Site, "sin-1"));
        }

        var report = await AnalyzeAsync(probes);

        Assert.Equal(2, report.Inflation.Count);
        var ams = report.Inflation.Single(i => i.VantageId == "vp-ams");
        Assert.Equal(("SIN", "AMS", 40.0, 2.0), (ams.Site, ams.BestSite, ams.RttMs, ams.BestRttMs));
        Assert.Equal(38, ams.InflationMs, 9);
        Assert.False(ams.OnNearest);
        var sin = report.Inflation.Single(i => i.VantageId == "vp-sin");
        Assert.True(sin.OnNearest);
        Assert.Equal(0, sin.InflationMs, 9);

        var nearest = Assert.Single(report.Nearest);
        Assert.Equal((2, 1, 0.5), (nearest.Vantages, nearest.OnNearest, nearest.Share));

        // Site probes are neither catchment nor latency: vp-ams has one site, SIN, with 5 probes.
        Assert.Equal(["SIN"], report.Catchment.Where(c => c.VantageId == "vp-ams").Select(c => c.Site));
        Assert.Equal(5, report.Latency.Single(l => l.VantageId == "vp-ams").Latency.Sent);
        var promise = Assert.Single(report.Promises);
        Assert.Equal(0.5, promise.NearestShare);

        // Both vantage points reach SIN through the anycast address: no steering is seen, whatever the sites' own addresses say.
        Assert.Equal(SteeringKind.Unicast, promise.Steering);
    }

    [Fact]
    public async Task AnalyzeAsync_AnswersDifferingByVantage_IsGeoDns()
    {
        var probes = new List<Measurement>();
        for (var i = 0; i < 4; i++)
        {
            // Same site (AMS) for both, different addresses: GeoDNS. The order of a set never matters.
            probes.Add(Probe("vp-ams", "www", 10 * i, "ams", answers: "192.0.2.1,192.0.2.2"));
            probes.Add(Probe("vp-sin", "www", 10 * i, "ams", answers: "198.51.100.7"));
            probes.Add(Probe("vp-ams", "dns", 10 * i, "ams", answers: null));
            probes.Add(Probe("vp-sin", "dns", 10 * i, "ams", answers: null));
        }

        var report = await AnalyzeAsync(probes);

        Assert.Equal(SteeringKind.GeoDns, report.Steering.Single(s => s.TargetId == "www").Kind);
        Assert.Equal(SteeringKind.Unicast, report.Steering.Single(s => s.TargetId == "dns").Kind);
        Assert.Equal(SteeringKind.GeoDns, Assert.Single(report.Promises).Steering);
    }

    [Fact]
    public async Task AnalyzeAsync_Consistency_ByCountryAndContinentOfTheVantages()
    {
        var probes = Enumerable.Range(0, 5).SelectMany(i => new[]
        {
            Probe("vp-ams", "dns", 10 * i, "ams", 4),
            Probe("vp-sin", "dns", 10 * i, "sin", 12),
        });

        var report = await AnalyzeAsync(probes);

        Assert.Equal(["AS", "EU"], report.Consistency.Where(c => c.Level == "continent").Select(c => c.Region));
        var spread = report.ConsistencySpread.Single(s => s.Level == "continent");
        Assert.Equal(("EU", "AS", 3.0), (spread.BestRegion, spread.WorstRegion, spread.Ratio!.Value));
        var promise = Assert.Single(report.Promises);
        Assert.Equal(("AS", 12.0), (promise.WorstRegion, promise.WorstRegionP50Ms!.Value));
        Assert.Equal(8, promise.P50Ms!.Value, 9);
    }
}
