using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>The prober against a real NSD on 127.0.0.1 and ::1, over UDP and TCP.</summary>
public sealed class DnsProberNsdTests : IClassFixture<DnsProberNsdTests.Nsd>
{
    private readonly Nsd _nsd;

    public DnsProberNsdTests(Nsd nsd) => _nsd = nsd;

    [Theory]
    [InlineData("127.0.0.1", Transport.Udp)]
    [InlineData("127.0.0.1", Transport.Tcp)]
    [InlineData("::1", Transport.Udp)]
    [InlineData("::1", Transport.Tcp)]
    public async Task ProbeAsync_RealNsd_GivesIdentityAndNsid(string address, Transport transport)
    {
        var server = _nsd.Server;
        var target = new Target("nsd", IPAddress.Parse(address))
        {
            Port = server.Port,
            Transport = transport,
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind,
            Timeout = TimeSpan.FromSeconds(2),
        };
        var prober = new DnsProber(TimeProvider.System);

        for (var i = 0; i < 5; i++)
        {
            var m = await prober.ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

            Assert.Equal(ProbeOutcome.Answered, m.Outcome);
            Assert.Equal(DnsRcodes.NoError, m.Rcode);
            Assert.Equal(server.Identity, m.Identity.IdServer?.Text);
            Assert.Equal(server.Identity, m.Identity.HostnameBind?.Text);
            Assert.Equal(server.Nsid, m.Identity.Nsid?.Text);
            Assert.NotNull(m.Rtt);
            Assert.NotNull(m.IdentityRtt); // hostname.bind needed its own query
            Assert.Equal(0, m.Discarded);
        }
    }

    [Fact]
    public async Task ProbeAsync_RealNsdQueryOutsideItsZones_IsAnsweredRefusedWithNsid()
    {
        var target = new Target("nsd", IPAddress.Loopback)
        {
            Port = _nsd.Server.Port,
            Query = new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.A),
            Identity = IdentityMethods.Nsid,
        };

        var m = await new DnsProber(TimeProvider.System).ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal(DnsRcodes.Refused, m.Rcode);
        Assert.Equal(_nsd.Server.Nsid, m.Identity.Nsid?.Text);
        Assert.Null(m.Identity.IdServer);
    }

    public sealed class Nsd() : NsdFixture("nsd-probe-X", "nsid-probe-Y");
}
