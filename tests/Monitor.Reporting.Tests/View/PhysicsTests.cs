using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Reporting.View;

namespace Monitor.Reporting.Tests.View;

public sealed class PhysicsTests
{
    private static readonly DateTimeOffset T0 = new(2015, 3, 21, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<Measurement> Answers(string vantage, string text, double rttMs) =>
        Enumerable.Range(0, 6).Select(i => new Measurement
        {
            Id = Guid.NewGuid(),
            VantageId = vantage,
            TargetId = "cloudflare",
            Started = T0.AddHours(i),
            Outcome = ProbeOutcome.Answered,
            Rtt = TimeSpan.FromMilliseconds(rttMs + i),
            Identity = new ObservedIdentity(IdentityValue.FromAscii(text), null, null),
        });

    [Fact]
    public async Task Find_IdentityThePhysicsRejectedForOneVantage_OneViolationUnderTheClaimedSite()
    {
        // Real (RIPE Atlas msm 1768147, 2015-03-21; places from the 2018-12-11 probe archive): Cloudflare's "JNB"
        // from atlas-12205 near Johannesburg in 25.233 ms, and from atlas-16461, placed in San Jose, in 38.383 ms.
        VantagePoint[] vantages =
        [
            new("atlas-12205") { Latitude = -26.0905, Longitude = 27.9875 },
            new("atlas-16461") { Latitude = 37.3475, Longitude = -121.8495 },
        ];
        var measurements = Answers("atlas-12205", "JNB", 25.233).Concat(Answers("atlas-16461", "JNB", 38.383)).ToList();
        var resolver = SiteResolver.CreateDefault();
        var analyzer = new Analyzer(resolver.Engine, new Dictionary<string, string> { ["cloudflare"] = "Cloudflare" }, vantages.ToDictionary(v => v.Id, StringComparer.Ordinal));
        var report = await analyzer.AnalyzeAsync(measurements.ToAsyncEnumerable(), AnalysisWindow.All, TestContext.Current.CancellationToken);
        var series = await SeriesSet.CollectAsync(measurements.ToAsyncEnumerable(), resolver.Resolve, TestContext.Current.CancellationToken);
        var view = new ReportView(new ReportContent("t", report, series, vantages, [], T0));

        var violation = Assert.Single(Physics.Find(view));

        Assert.Equal(("atlas-16461", "JNB", "Johannesburg, ZA"), (violation.VantageId, violation.Site, violation.SitePlace));
        Assert.Equal(38.383, violation.MinRttMs, 3);
        Assert.DoesNotContain("guess", violation.Cause, StringComparison.Ordinal);
        Assert.Contains(Site.RejectedMark + "JNB", view.UnknownSites);
        Assert.DoesNotContain("JNB", view.UnknownSites);
    }
}
