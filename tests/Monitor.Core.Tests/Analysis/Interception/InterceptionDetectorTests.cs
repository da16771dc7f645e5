using Monitor.Core.Analysis.Interception;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Interception;

public sealed class InterceptionDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // Positions: Amsterdam, Johannesburg, London and Nairobi (from the airport table's neighbourhood).
    private static readonly Dictionary<string, VantagePoint> Places = new(StringComparer.Ordinal)
    {
        ["vp-ams"] = new VantagePoint("vp-ams") { Latitude = 52.37, Longitude = 4.89, Country = "NL" },
        ["vp-jnb"] = new VantagePoint("vp-jnb") { Latitude = -26.2, Longitude = 28.04, Country = "ZA" },
        ["vp-lon"] = new VantagePoint("vp-lon") { Latitude = 51.5, Longitude = -0.12, Country = "GB" },
        ["vp-nbo"] = new VantagePoint("vp-nbo") { Latitude = -1.29, Longitude = 36.82, Country = "KE" },
    };

    private static Measurement Answer(string vantage, string? idServer, int rcode = DnsRcodes.NoError, double rttMs = 40, string target = "cf") => new()
    {
        Id = Guid.NewGuid(),
        VantageId = vantage,
        TargetId = target,
        Started = T0,
        Outcome = ProbeOutcome.Answered,
        Rtt = TimeSpan.FromMilliseconds(rttMs),
        Rcode = rcode,
        Identity = idServer is null ? ObservedIdentity.None : new ObservedIdentity(IdentityValue.FromAscii(idServer), null, null),
    };

    private static InterceptionReport Detect(IEnumerable<Measurement> measurements, IReadOnlyDictionary<string, VantagePoint>? places = null)
    {
        var detector = new InterceptionDetector(SiteResolver.CreateDefault());
        foreach (var m in measurements)
        {
            detector.Add(m);
        }

        return detector.Detect(places ?? Places);
    }

    [Fact]
    public void Detect_EveryoneOnTheOperatorsShapeAndRcodeAtPlausibleRtts_NothingFlagged()
    {
        var report = Detect([Answer("vp-ams", "AMS", rttMs: 3), Answer("vp-lon", "LHR", rttMs: 2), Answer("vp-jnb", "JNB", rttMs: 4), Answer("vp-nbo", "JNB", rttMs: 60)]);

        Assert.Empty(report.Findings);
        var target = Assert.Single(report.Targets);
        Assert.Equal("A", target.OperatorShape);
        Assert.Equal(["AMS", "JNB", "LHR"], target.OperatorSites);
        Assert.Empty(target.VantagesWithoutLocation);
    }

    [Fact]
    public void Detect_ForeignIdentityFromOneVantage_FlaggedWithTheIdentityAndTheOperatorsShape()
    {
        var report = Detect([Answer("vp-ams", "AMS"), Answer("vp-lon", "LHR"), Answer("vp-jnb", "JNB"), Answer("vp-nbo", "unbound.isp.example")]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("vp-nbo", finding.VantageId);
        Assert.Equal(InterceptionReasons.ForeignIdentity, finding.Reasons);
        Assert.Equal("unbound.isp.example", finding.Identity);
        Assert.Equal("a.isp.example", finding.IdentityShape);
        Assert.Equal("A", finding.OperatorShape);
        Assert.NotNull(finding.OperatorExample);
    }

    [Fact]
    public void Detect_OperatorGivesNoIdentityAndOneVantageSeesOne_ForeignAndRcodeFlagged()
    {
        // As 8.8.8.8 for hostname.bind: SERVFAIL without identity, unless something on the path answers.
        var report = Detect([
            Answer("vp-ams", null, DnsRcodes.ServFail), Answer("vp-lon", null, DnsRcodes.ServFail),
            Answer("vp-jnb", null, DnsRcodes.ServFail), Answer("vp-nbo", "ns1.isp.example")]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(InterceptionReasons.ForeignIdentity | InterceptionReasons.Rcode, finding.Reasons);
        Assert.Equal(DnsRcodes.NoError, finding.Rcode);
        Assert.Equal(DnsRcodes.ServFail, finding.OthersRcode);
        Assert.Equal(IdentityShape.NoIdentity, finding.OperatorShape);
        Assert.Empty(Assert.Single(report.Targets).OperatorSites);
    }

    [Fact]
    public void Detect_RcodeOnlyDiffers_FlaggedForRcodeOnly()
    {
        var report = Detect([Answer("vp-ams", "AMS"), Answer("vp-lon", "LHR"), Answer("vp-jnb", "JNB"), Answer("vp-nbo", null, DnsRcodes.Refused)]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(InterceptionReasons.Rcode, finding.Reasons);
        Assert.Equal(DnsRcodes.Refused, finding.Rcode);
    }

    [Theory]
    [InlineData(2.0, true)]   // Amsterdam to London is ~357 km: at least ~3.6 ms there and back
    [InlineData(3.0, true)]
    [InlineData(4.5, false)]
    [InlineData(40.0, false)]
    public void Detect_RttAgainstTheFloorToTheNearestOperatorSite_FlaggedOnlyBelow(double rttMs, bool flagged)
    {
        // vp-ams answers with the operator's shape from "LHR" (its site list has LHR and JNB only).
        var report = Detect([Answer("vp-ams", "LHR", rttMs: rttMs), Answer("vp-lon", "LHR", rttMs: 2), Answer("vp-jnb", "JNB", rttMs: 3), Answer("vp-nbo", "JNB", rttMs: 40)]);

        var finding = report.Findings.SingleOrDefault(f => f.VantageId == "vp-ams");
        Assert.Equal(flagged, finding is not null);
        if (finding is not null)
        {
            Assert.Equal(InterceptionReasons.BelowPhysicalFloor, finding.Reasons);
            Assert.Equal("LHR", finding.NearestSite);
            Assert.InRange(finding.DistanceKm!.Value, 300, 420);
            Assert.Equal(2 * finding.DistanceKm.Value / 200, finding.FloorMs!.Value, 9);
            Assert.Equal(rttMs, finding.MinRttMs!.Value, 9);
        }
    }

    [Fact]
    public void Detect_VantageWithoutPosition_ListedAsNotCheckedNotFlagged()
    {
        var places = new Dictionary<string, VantagePoint>(Places, StringComparer.Ordinal);
        places.Remove("vp-ams");

        var report = Detect([Answer("vp-ams", "LHR", rttMs: 0.5), Answer("vp-lon", "LHR", rttMs: 2), Answer("vp-jnb", "JNB"), Answer("vp-nbo", "JNB")], places);

        Assert.Empty(report.Findings);
        Assert.Equal(["vp-ams"], Assert.Single(report.Targets).VantagesWithoutLocation);
    }

    [Fact]
    public void Detect_NoMajorityShape_IdentityNotJudged()
    {
        var report = Detect([Answer("vp-ams", "AMS"), Answer("vp-lon", "lhr-1"), Answer("vp-jnb", "x.jnb.example"), Answer("vp-nbo", "n9")]);

        Assert.DoesNotContain(report.Findings, f => f.Reasons.HasFlag(InterceptionReasons.ForeignIdentity));
        Assert.Null(Assert.Single(report.Targets).OperatorShape);
    }

    [Fact]
    public void Detect_FewerThanMinimumVantages_TargetNotJudged()
    {
        var report = Detect([Answer("vp-ams", "AMS"), Answer("vp-lon", "other.example")]);

        Assert.Empty(report.Findings);
        Assert.Empty(report.Targets);
    }

    [Fact]
    public void Detect_OneForeignAnswerAmongManyOperatorAnswers_NotFlagged()
    {
        var measurements = new List<Measurement> { Answer("vp-lon", "LHR"), Answer("vp-jnb", "JNB"), Answer("vp-nbo", "JNB") };
        measurements.AddRange(Enumerable.Range(0, 9).Select(_ => Answer("vp-ams", "AMS")));
        measurements.Add(Answer("vp-ams", "odd.example.net"));

        var report = Detect(measurements);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Add_TimeoutsBurstAndSiteProbes_Ignored()
    {
        var timeout = Answer("vp-nbo", null) with { Outcome = ProbeOutcome.Timeout, Rcode = null, Rtt = null };
        var burst = Answer("vp-nbo", "intercept.example") with { Kind = ProbeKind.Burst };

        var report = Detect([Answer("vp-ams", "AMS"), Answer("vp-lon", "LHR"), Answer("vp-jnb", "JNB"), timeout, burst]);

        Assert.Empty(report.Findings);
        Assert.Equal(3, Assert.Single(report.Targets).Vantages);
    }
}
