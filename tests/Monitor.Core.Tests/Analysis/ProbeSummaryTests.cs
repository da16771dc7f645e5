using Monitor.Core.Analysis;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis;

public sealed class ProbeSummaryTests
{
    [Fact]
    public void Of_MixedProbes_CountsLossAndEveryIdentity()
    {
        var ams = new ObservedIdentity(IdentityValue.FromAscii("ams"), null, null);
        var fra = new ObservedIdentity(IdentityValue.FromAscii("fra"), null, null);
        Measurement[] probes =
        [
            Probe(ProbeOutcome.Answered, 1.0, ams),
            Probe(ProbeOutcome.Answered, 2.0, ams),
            Probe(ProbeOutcome.Timeout, null, ObservedIdentity.None),
            Probe(ProbeOutcome.Answered, 9.0, fra),
            Probe(ProbeOutcome.Malformed, null, ObservedIdentity.None),
        ];

        var summary = ProbeSummary.Of("t", probes);

        Assert.Equal(5, summary.Latency.Sent);
        Assert.Equal(3, summary.Latency.Answered);
        Assert.Equal(40.0, summary.Latency.LossPercent, 9);
        Assert.Equal(2.0, summary.Latency.P50Ms);
        Assert.Equal([new("id.server=ams", 2), new("id.server=fra", 1)], summary.Identities);
        Assert.Equal(1, summary.Outcomes[ProbeOutcome.Timeout]);
        Assert.Equal(1, summary.Outcomes[ProbeOutcome.Malformed]);
    }

    private static Measurement Probe(ProbeOutcome outcome, double? rttMs, ObservedIdentity identity) => new()
    {
        Id = Guid.NewGuid(),
        VantageId = "vp",
        TargetId = "t",
        Started = DateTimeOffset.UnixEpoch,
        Outcome = outcome,
        Rtt = rttMs is null ? null : TimeSpan.FromMilliseconds(rttMs.Value),
        Identity = identity,
    };
}
