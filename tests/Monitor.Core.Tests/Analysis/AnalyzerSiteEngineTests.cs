using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis;

/// <summary>The analyzer reading identities with the site engine: provider, physics, confidence in the findings.</summary>
public sealed class AnalyzerSiteEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<Measurement> Answers(string vantage, string target, string hostnameBind, int count, double rttMs, bool idServer = false) =>
        Enumerable.Range(0, count).Select(i => new Measurement
        {
            Id = Guid.NewGuid(),
            VantageId = vantage,
            TargetId = target,
            Started = T0.AddSeconds(10 * i),
            Outcome = ProbeOutcome.Answered,
            Rtt = TimeSpan.FromMilliseconds(rttMs + (i % 3)),
            Identity = idServer ? new ObservedIdentity(IdentityValue.FromAscii(hostnameBind), null, null) : new ObservedIdentity(null, IdentityValue.FromAscii(hostnameBind), null),
        });

    private static Task<AnalysisReport> AnalyzeAsync(IEnumerable<Measurement> measurements, params VantagePoint[] vantages) =>
        new Analyzer(SiteEngine.CreateDefault(), new Dictionary<string, string> { ["g"] = "Google", ["q"] = "Quad9", ["c"] = "Cloudflare" }, vantages.ToDictionary(v => v.Id, StringComparer.Ordinal))
            .AnalyzeAsync(measurements.OrderBy(m => m.VantageId, StringComparer.Ordinal).ThenBy(m => m.TargetId, StringComparer.Ordinal).ThenBy(m => m.Started).ToAsyncEnumerable(), AnalysisWindow.All, TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnalyzeAsync_VantagePointNearTheIspNotTheAirport_PhysicsRejectsTheCodeInEvidence()
    {
        // Real: RIPE Atlas probe 21563 (Novosibirsk in the 2018-12-11 archive) asked 8.8.8.8 for hostname.bind
        // and an intercepting resolver answered "nsk-dns1-L" in 1.960 ms (2017-06-26). NSK is Norilsk, 1,600 km away.
        var vp = new VantagePoint("atlas-21563") { Latitude = 54.8585, Longitude = 83.1105 };

        var report = await AnalyzeAsync(Answers(vp.Id, "g", "nsk-dns1-L", 6, 1.96), vp);

        var identification = report.SiteIdentifications[Site.RejectedMark + "nsk-dns1-L"];
        Assert.Equal(SiteConfidence.Unknown, identification.Confidence);
        Assert.Equal("NSK", identification.Claimed?.Code);
        Assert.Contains(identification.Evidence, e => e.StartsWith("physics rejected NSK", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Catchment, c => c.Site == "NSK");
        var uncertain = Assert.Single(report.UncertainIdentities);
        Assert.Equal(("hostname.bind=nsk-dns1-L", SiteConfidence.Unknown, 6), (uncertain.Identity, uncertain.Confidence, uncertain.Answers));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnalyzeAsync_SiteCodeRejectedByPhysicsForOneVantage_UnknownThereUnderItsOwnCodeInEitherOrder(bool rejectedFirst)
    {
        // Real (RIPE Atlas msm 1768147, Cloudflare id.server, 2015-03-21; probe places from the 2018-12-11 archive):
        // atlas-12205 (ZA, near Johannesburg) got "JNB" in 25.233 ms; atlas-16461, placed in San Jose, got "JNB"
        // in 38.383 ms, 16,942 km away: faster than light. Series are read in vantage order; the prefixes set it.
        var near = new VantagePoint((rejectedFirst ? "b-" : "a-") + "atlas-12205") { Latitude = -26.0905, Longitude = 27.9875 };
        var far = new VantagePoint((rejectedFirst ? "a-" : "b-") + "atlas-16461") { Latitude = 37.3475, Longitude = -121.8495 };
        var rejected = Site.RejectedMark + "JNB";

        var report = await AnalyzeAsync([.. Answers(near.Id, "c", "JNB", 6, 25.233, idServer: true), .. Answers(far.Id, "c", "JNB", 6, 38.383, idServer: true)], near, far);

        Assert.Equal("JNB", Assert.Single(report.Catchment, c => c.VantageId == near.Id).Site);
        Assert.Equal(rejected, Assert.Single(report.Catchment, c => c.VantageId == far.Id).Site);
        Assert.Equal(rejected, Assert.Single(report.Latency, l => l.VantageId == far.Id).Site);
        var jnb = Assert.Single(report.Sites, s => s.Site == "JNB");
        Assert.Equal(("Johannesburg", "ZA"), (jnb.City, jnb.Country));
        Assert.Equal([near.Id], jnb.Vantages);
        Assert.Equal(SiteConfidence.High, report.SiteIdentifications["JNB"].Confidence);
        var unknown = report.SiteIdentifications[rejected];
        Assert.Equal((SiteConfidence.Unknown, "JNB", "Johannesburg"), (unknown.Confidence, unknown.Claimed?.Code, unknown.Claimed?.City));
        Assert.Contains(unknown.Evidence, e => e.StartsWith("physics rejected JNB", StringComparison.Ordinal) && e.Contains("16942 km away", StringComparison.Ordinal));
        var uncertain = Assert.Single(report.UncertainIdentities);
        Assert.Equal(("id.server=JNB", rejected, SiteConfidence.Unknown, 6), (uncertain.Identity, uncertain.Site, uncertain.Confidence, uncertain.Answers));
        Assert.StartsWith("physics rejected every candidate", uncertain.Reason, StringComparison.Ordinal);

        // Not "unparsed" (a rule matched; physics rejected it): the physics check names the claimed site once.
        Assert.DoesNotContain(report.Warnings, w => w.Contains("unparsed", StringComparison.Ordinal) || w.Contains("no site rule matched", StringComparison.Ordinal));
        var physics = Assert.Single(report.Warnings, w => w.StartsWith("physics:", StringComparison.Ordinal));
        Assert.StartsWith($"physics: {far.Id} → c via JNB: min RTT 38.383 ms", physics, StringComparison.Ordinal);
        Assert.Contains("16942 km", physics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_WithoutAPosition_TheGuessIsLowAndOutOfTheCatchment()
    {
        var vp = new VantagePoint("somewhere");

        var report = await AnalyzeAsync(Answers(vp.Id, "g", "nsk-dns1-L", 4, 1.96), vp);

        Assert.Equal(SiteConfidence.Low, report.SiteIdentifications["NSK"].Confidence);
        Assert.Empty(report.Catchment);
        Assert.Empty(report.Sites);
        var uncertain = Assert.Single(report.UncertainIdentities);
        Assert.Equal(("NSK", SiteConfidence.Low, 4), (uncertain.Site, uncertain.Confidence, uncertain.Answers));
        Assert.Contains(report.Latency, l => l.Site == "NSK"); // latency still counts every answer
    }

    [Fact]
    public async Task AnalyzeAsync_ConfidentAndGuessedSites_SharesCountTheConfidentOnly()
    {
        var unplaced = new VantagePoint("vp-1");
        var amsterdam = new VantagePoint("vp-2") { Latitude = 52.37, Longitude = 4.9 };
        Measurement[] measurements =
        [
            .. Answers(unplaced.Id, "q", "res200.ams.rrdns.pch.net", 8, 2), .. Answers(unplaced.Id, "q", "edge-lhr-02.example.net", 2, 9),
            .. Answers(amsterdam.Id, "q", "res200.ams.rrdns.pch.net", 8, 2), .. Answers(amsterdam.Id, "q", "edge-lhr-02.example.net", 2, 9),
        ];

        var report = await AnalyzeAsync(measurements, unplaced, amsterdam);

        // From nowhere in particular, "lhr" is a guess: out of the shares. From Amsterdam at 9 ms, physics
        // backs London (medium), and it counts.
        var guessed = Assert.Single(report.Catchment, c => c.VantageId == unplaced.Id);
        Assert.Equal(("AMS", 1.0, true), (guessed.Site, guessed.Share, guessed.Dominant));
        Assert.Equal([("AMS", 0.8), ("LHR", 0.2)], report.Catchment.Where(c => c.VantageId == amsterdam.Id).Select(c => (c.Site, c.Share)));
        Assert.Equal(SiteConfidence.High, report.SiteIdentifications["AMS"].Confidence);
        Assert.Equal(SiteConfidence.Medium, report.SiteIdentifications["LHR"].Confidence); // the most confident reading of the code
    }

    [Fact]
    public async Task AnalyzeAsync_ProviderOfTheTarget_MakesItsOwnConventionHigh()
    {
        var report = await AnalyzeAsync(Answers("vp", "q", "res710.qbre1", 3, 20), new VantagePoint("vp"));

        Assert.Equal(SiteConfidence.High, report.SiteIdentifications["BRE"].Confidence);
        Assert.Contains(report.SiteIdentifications["BRE"].Evidence, e => e.Contains("of the target's provider", StringComparison.Ordinal));
    }
}
