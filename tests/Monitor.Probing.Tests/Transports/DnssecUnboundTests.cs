using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>
/// The DO bit against a real validating Unbound on loopback: a zone signed by ldns for the test is
/// Unbound's own upstream, its DS the trust anchor, so a validated answer carries AD and its RRSIG.
/// </summary>
public sealed class DnssecUnboundTests : IClassFixture<DnssecUnboundTests.ValidatingUnbound>
{
    private readonly ValidatingUnbound _unbound;

    public DnssecUnboundTests(ValidatingUnbound unbound) => _unbound = unbound;

    [Theory]
    [InlineData(Transport.Udp, true)]
    [InlineData(Transport.Tcp, true)]
    [InlineData(Transport.Tls, true)]
    [InlineData(Transport.Https, true)]
    [InlineData(Transport.Udp, false)]
    public async Task ProbeAsync_SignedZoneThroughValidator_RecordsAdAndRrsig(Transport transport, bool dnssec)
    {
        var server = _unbound.Server;
        var target = new Target("validating", IPAddress.Loopback)
        {
            Port = transport switch { Transport.Tls => server.TlsPort, Transport.Https => server.HttpsPort, _ => server.Port },
            Transport = transport,
            TlsName = _unbound.Certificates.Name,
            Query = new DnsQuestion("www." + ValidatingUnbound.ZoneName, DnsClasses.IN, DnsTypes.A),
            RecursionDesired = true,
            Dnssec = dnssec,
            Identity = IdentityMethods.Nsid,
            Timeout = TimeSpan.FromSeconds(5),
        };
        await using var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { TrustedRoots = _unbound.Certificates.Roots });

        var m = await prober.ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal(DnsRcodes.NoError, m.Rcode);
        Assert.Equal("192.0.2.80", m.Answers);
        Assert.Equal(dnssec ? true : null, m.AuthenticData);
        Assert.Equal(dnssec ? true : null, m.RrsigSeen);
        Assert.Equal(server.Nsid, m.Identity.Nsid?.Text);
    }

    [Fact]
    public async Task ProbeAsync_UnsignedLocalDataWithDo_HasNoAd()
    {
        var target = new Target("validating", IPAddress.Loopback)
        {
            Port = _unbound.Server.Port,
            Query = new DnsQuestion(UnboundServer.Zone, DnsClasses.IN, DnsTypes.A),
            RecursionDesired = true,
            Dnssec = true,
            Timeout = TimeSpan.FromSeconds(5),
        };
        await using var prober = new DnsProber(TimeProvider.System);

        var m = await prober.ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.False(m.AuthenticData);
        Assert.False(m.RrsigSeen);
    }

    public sealed class ValidatingUnbound : IDisposable
    {
        public const string ZoneName = "signed.test";
        private SignedZone? _zone;
        private UnboundServer? _server;

        public TestCertificates Certificates { get; } = TestCertificates.Create();

        public UnboundServer Server => _server ??= UnboundServer.Start("unbound-validating", "nsid-validating", Certificates, signedZone: _zone ??= SignedZone.Create(ZoneName, "www IN A 192.0.2.80"));

        public void Dispose()
        {
            _server?.Dispose();
            _zone?.Dispose();
            Certificates.Dispose();
        }
    }
}
