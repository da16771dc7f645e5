using Monitor.Core.Analysis.Promises;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Promises;

public sealed class FailoverDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One character per probe, 250 ms apart: a letter is a good answer from that site, '.' a lost probe.</summary>
    private static IEnumerable<(DateTimeOffset, string?)> Probes(string text) =>
        text.Select((c, i) => (T0.AddMilliseconds(250 * i), c == '.' ? null : c.ToString()));

    [Theory]
    [InlineData("aaaa", 2, "")]
    [InlineData("aa.a", 2, "")] // one lost packet is no failover
    [InlineData("aa.a", 1, "a>a@1")]
    [InlineData("aa..bb", 2, "a>b@2")]
    [InlineData("..aa", 2, "")] // no answer before: nothing failed over
    [InlineData("aa....", 2, "")] // no answer after: still out
    [InlineData("a...b..a", 2, "a>b@3 b>a@2")]
    [InlineData("a.....a", 2, "a>a@5")]
    public void Find_Table(string probes, int minLost, string expected)
    {
        var found = FailoverDetector.Find("t", "vp", Probes(probes), minLost);

        Assert.Equal(expected, string.Join(' ', found.Select(f => $"{f.From}>{f.To}@{f.Lost}")));
    }

    [Fact]
    public void Find_Gap_IsFirstGoodMinusLastGood()
    {
        var f = Assert.Single(FailoverDetector.Find("t", "vp", Probes("aa....b"), 2));

        Assert.Equal(T0.AddMilliseconds(250), f.LastOk);
        Assert.Equal(T0.AddMilliseconds(1500), f.FirstOk);
        Assert.Equal(1250, f.GapMs);
        Assert.True(f.Moved);
    }

    [Theory]
    [InlineData(ProbeOutcome.Answered, DnsRcodes.NoError, true)]
    [InlineData(ProbeOutcome.Answered, DnsRcodes.NXDomain, true)]
    [InlineData(ProbeOutcome.Answered, DnsRcodes.Refused, false)]
    [InlineData(ProbeOutcome.Answered, DnsRcodes.ServFail, false)]
    [InlineData(ProbeOutcome.Timeout, null, false)]
    [InlineData(ProbeOutcome.NetworkError, null, false)]
    [InlineData(ProbeOutcome.Malformed, null, false)]
    public void IsGood_Table(ProbeOutcome outcome, int? rcode, bool good)
    {
        var m = new Measurement
        {
            Id = Guid.NewGuid(),
            VantageId = "vp",
            TargetId = "t",
            Started = T0,
            Outcome = outcome,
            Rcode = rcode,
        };

        Assert.Equal(good, FailoverDetector.IsGood(m));
    }
}
