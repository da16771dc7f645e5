using CsCheck;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis;

public sealed class AnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Site> Sites = new(StringComparer.Ordinal)
    {
        ["ams1"] = new("AMS", "Amsterdam", "NL", 52.31, 4.76, true),
        ["nyc1"] = new("NYC", "New York", "US", 40.64, -73.78, true),
    };

    private static Site Resolve(ObservedIdentity identity) =>
        Sites.TryGetValue(identity.IdServer?.Text ?? string.Empty, out var site)
            ? site
            : new Site(identity.ToString(), null, null, null, null, false);

    /// <summary>One character per probe, 10 s apart: a = ams1, n = nyc1, x = unknown node, '.' = timeout.</summary>
    private static IEnumerable<Measurement> Series(string vantage, string target, string text, double amsMs = 5, double nycMs = 80) =>
        text.Select((c, i) => new Measurement
        {
            Id = Guid.NewGuid(),
            VantageId = vantage,
            TargetId = target,
            Started = T0.AddSeconds(10 * i),
            Outcome = c == '.' ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
            Rtt = c switch { 'a' => TimeSpan.FromMilliseconds(amsMs), 'n' => TimeSpan.FromMilliseconds(nycMs), 'x' => TimeSpan.FromMilliseconds(1), _ => null },
            Identity = c switch
            {
                'a' => new ObservedIdentity(IdentityValue.FromAscii("ams1"), null, null),
                'n' => new ObservedIdentity(IdentityValue.FromAscii("nyc1"), null, null),
                'x' => new ObservedIdentity(IdentityValue.FromAscii("weird-node"), null, null),
                _ => ObservedIdentity.None,
            },
        });

    private static async Task<AnalysisReport> AnalyzeAsync(IEnumerable<Measurement> measurements, Dictionary<string, VantagePoint>? vantages = null) =>
        await new Analyzer(Resolve, new Dictionary<string, string> { ["t"] = "p1", ["u"] = "p2" }, vantages ?? [])
            .AnalyzeAsync(measurements.ToAsyncEnumerable(), AnalysisWindow.All, TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnalyzeAsync_ThreeVantagesMovingTogether_OneEventAndCatchment()
    {
        var report = await AnalyzeAsync(
        [
            .. Series("vp-1", "t", "aaaaannnnn"),
            .. Series("vp-2", "t", "aaaaannnnn"),
            .. Series("vp-3", "t", "aaaaaannnn"),
            .. Series("vp-4", "t", "aaaaaaaaaa"),
        ]);

        var e = Assert.Single(report.Events);
        Assert.Equal(["vp-1", "vp-2", "vp-3"], e.Vantages);
        Assert.Equal(("AMS", "NYC"), (e.From, e.To));
        Assert.Equal(75.0, e.MedianRttChangeMs);
        Assert.Equal(3, report.Changes.Count(c => c.Kind == RouteChangeKind.Shift));
        Assert.Equal(40, report.Measurements);

        var vp1 = report.Catchment.Where(c => c.VantageId == "vp-1").ToList();
        Assert.Equal(2, vp1.Count);
        Assert.All(vp1, c => Assert.Equal(0.5, c.Share));
        var vp4 = Assert.Single(report.Catchment, c => c.VantageId == "vp-4");
        Assert.True(vp4.Dominant);
        Assert.Equal("id.server=ams1", vp4.Identity);
        Assert.Equal(1.0, report.Catchment.Where(c => c.Dominant).GroupBy(c => c.VantageId).Count() / 4.0);
        Assert.Equal(1.0, report.Sites.Sum(s => s.Share), 9);
    }

    [Fact]
    public async Task AnalyzeAsync_Latency_PerSiteAndTarget_CountsLossAgainstCurrentSite()
    {
        var report = await AnalyzeAsync(Series("vp-1", "t", "aa.aa"));

        var row = Assert.Single(report.Latency);
        Assert.Equal("AMS", row.Site);
        Assert.Equal(5, row.Latency.Sent);
        Assert.Equal(4, row.Latency.Answered);
        Assert.Equal(20.0, row.Latency.LossPercent);
        Assert.Equal(5.0, row.Latency.P99Ms);
        Assert.Equal(5, Assert.Single(report.TargetLatency).Latency.Sent);
    }

    [Fact]
    public async Task AnalyzeAsync_Providers_RankedOverCommonVantagesOnly()
    {
        var report = await AnalyzeAsync(
        [
            .. Series("vp-1", "t", "aaaa", amsMs: 30),
            .. Series("vp-1", "u", "aaaa", amsMs: 10),
            .. Series("vp-2", "t", "aaaa", amsMs: 1), // p2 has no data from vp-2: vp-2 must not count
        ]);

        Assert.Equal(["p2", "p1"], report.Providers.Select(p => p.Provider));
        Assert.All(report.Providers, p => Assert.Equal(1, p.Vantages));
        Assert.Equal(30.0, report.Providers[1].Latency.P50Ms);
    }

    [Fact]
    public async Task AnalyzeAsync_RttFasterThanLight_IsWarned()
    {
        var tokyo = new VantagePoint("vp-tyo") { Latitude = 35.55, Longitude = 139.78 };

        var report = await AnalyzeAsync(Series("vp-tyo", "t", "aaaa", amsMs: 2), new() { ["vp-tyo"] = tokyo });

        Assert.Contains(report.Warnings, w => w.StartsWith("physics: vp-tyo → t via AMS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyzeAsync_SkewedVantageClock_IsWarned()
    {
        var skewed = new VantagePoint("vp-1") { ClockOffset = TimeSpan.FromSeconds(-3) };
        var fine = new VantagePoint("vp-2") { ClockOffset = TimeSpan.FromMilliseconds(20) };

        var report = await AnalyzeAsync(Series("vp-1", "t", "aaa"), new() { ["vp-1"] = skewed, ["vp-2"] = fine });

        Assert.Single(report.Warnings, w => w.StartsWith("clock: vp-1 is -3000 ms off", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Warnings, w => w.StartsWith("clock: vp-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyzeAsync_UnparsedIdentity_IsItsOwnSiteAndWarned()
    {
        var report = await AnalyzeAsync(Series("vp-1", "t", "xxxx"));

        Assert.Equal("id.server=weird-node", Assert.Single(report.Catchment).Site);
        Assert.Contains(report.Warnings, w => w.Contains("unparsed identity: id.server=weird-node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyzeAsync_OptimalCatchment_ComparesSitesAVantageReached()
    {
        var report = await AnalyzeAsync(
        [
            .. Series("vp-1", "t", "aaaaaaan"), // mostly AMS, AMS faster: optimal
            .. Series("vp-2", "t", "nnnnnnna"), // mostly NYC, AMS faster: not optimal
            .. Series("vp-3", "t", "aaaa"),     // one site: not knowable
        ]);

        var optimal = Assert.Single(report.Optimal);
        Assert.Equal(2, optimal.Knowable);
        Assert.Equal(1, optimal.Optimal);
        Assert.Equal(0.5, optimal.Share);
    }

    [Fact]
    public async Task AnalyzeAsync_SeriesNotGrouped_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => AnalyzeAsync(
        [
            .. Series("vp-1", "t", "a"),
            .. Series("vp-2", "t", "a"),
            .. Series("vp-1", "t", "a"),
        ]));

    [Fact]
    public void AnalyzeAsync_AnySeries_SharesSumToOneWithOneDominantSitePerVantage() =>
        Gen.OneOfConst('a', 'n', 'x', '.').Array[1, 40].Array[1, 6]
            .Sample(series =>
            {
                var measurements = series.SelectMany((text, i) => Series($"vp-{i}", "t", new string(text))).ToList();
                var report = AnalyzeAsync(measurements).GetAwaiter().GetResult();
                var answered = series.Select((text, i) => (Vantage: $"vp-{i}", Answers: text.Count(c => c != '.'))).Where(v => v.Answers > 0).ToList();
                var perVantage = report.Catchment.GroupBy(c => c.VantageId).ToList();
                return perVantage.Count == answered.Count &&
                       perVantage.All(g => Math.Abs(g.Sum(c => c.Share) - 1) < 1e-9 && g.Count(c => c.Dominant) == 1 &&
                                           g.Sum(c => c.Answers) == answered.Single(a => a.Vantage == g.Key).Answers) &&
                       (answered.Count == 0 || Math.Abs(report.Sites.Sum(s => s.Share) - 1) < 1e-9) &&
                       report.TargetLatency.Single().Latency.Sent == measurements.Count;
            }, iter: 300);

    [Fact]
    public void AnalysisWindow_EndNotAfterStart_Throws() =>
        Assert.Throws<ArgumentException>(() => new AnalysisWindow(T0, T0));
}
