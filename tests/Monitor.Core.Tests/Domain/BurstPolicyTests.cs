using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Domain;

public sealed class BurstPolicyTests
{
    private static readonly Target IdServerOnly = new("t", IPAddress.Loopback) { Identity = IdentityMethods.Nsid | IdentityMethods.IdServer };

    [Theory]
    [InlineData(250, 10.0, 5, 250)] // budget 9.8 q/s: the configured interval wins
    [InlineData(250, 1.0, 5, 1250)] // budget 0.8 q/s: one query every 1.25 s
    [InlineData(250, 1.0, 2, 2000)] // budget 0.5 q/s
    [InlineData(250, 1.0, 1, -1)] // the rounds use the whole budget: no burst
    [InlineData(0, 10.0, 5, -1)] // off
    public void PeriodFor_StaysWithinTheRateLimit(int intervalMs, double rateLimit, int roundSeconds, int expectedMs)
    {
        var policy = new BurstPolicy(TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromSeconds(60), rateLimit);

        var period = policy.PeriodFor(IdServerOnly, TimeSpan.FromSeconds(roundSeconds));

        Assert.Equal(expectedMs < 0 ? null : TimeSpan.FromMilliseconds(expectedMs), period);
    }

    [Fact]
    public void PeriodFor_CountsSeparateIdentityQueries()
    {
        // An A query with id.server and hostname.bind costs 3 queries per probe.
        var target = new Target("t", IPAddress.Loopback)
        {
            Query = new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.A),
            Identity = IdentityMethods.IdServer | IdentityMethods.HostnameBind,
        };
        var policy = new BurstPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), 4);

        Assert.Equal(3, target.QueriesPerProbe);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.PeriodFor(target, TimeSpan.FromSeconds(3)));
    }
}
