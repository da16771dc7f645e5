using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>The prober over DNS over TLS and DNS over HTTPS against a real Unbound on 127.0.0.1 and ::1.</summary>
public sealed class DnsProberUnboundTests : IClassFixture<DnsProberUnboundTests.Unbound>
{
    private readonly Unbound _unbound;

    public DnsProberUnboundTests(Unbound unbound) => _unbound = unbound;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1", Transport.Tls, ConnectionMode.Fresh)]
    [InlineData("::1", Transport.Tls, ConnectionMode.Fresh)]
    [InlineData("127.0.0.1", Transport.Tls, ConnectionMode.Kept)]
    [InlineData("::1", Transport.Tls, ConnectionMode.Kept)]
    [InlineData("127.0.0.1", Transport.Https, ConnectionMode.Fresh)]
    [InlineData("::1", Transport.Https, ConnectionMode.Fresh)]
    [InlineData("127.0.0.1", Transport.Https, ConnectionMode.Kept)]
    [InlineData("::1", Transport.Https, ConnectionMode.Kept)]
    [InlineData("127.0.0.1", Transport.Tcp, ConnectionMode.Kept)]
    public async Task ProbeAsync_RealUnbound_GivesIdentityNsidAndTimings(string address, Transport transport, ConnectionMode mode)
    {
        var server = _unbound.Server;
        var target = Target(address, transport) with
        {
            Connection = mode,
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind,
        };
        await using var prober = Prober();

        for (var i = 0; i < 4; i++)
        {
            var m = await prober.ProbeAsync(target, "vp", Ct);

            Assert.True(m.Outcome == ProbeOutcome.Answered, $"probe {i}: {m.Outcome} {m.Error}");
            Assert.Equal(DnsRcodes.NoError, m.Rcode);
            Assert.Equal(server.Identity, m.Identity.IdServer?.Text);
            Assert.Equal(server.Identity, m.Identity.HostnameBind?.Text);
            Assert.Equal(server.Nsid, m.Identity.Nsid?.Text);
            Assert.NotNull(m.Rtt);
            Assert.NotNull(m.IdentityRtt); // hostname.bind: a second query on the same connection
            Assert.Equal(transport, m.Transport);
            Assert.Equal(IPAddress.Parse(address), m.Address);
            Assert.Equal(mode, m.Connection);
            var opensConnection = mode == ConnectionMode.Fresh || i == 0;
            Assert.Equal(opensConnection, m.ConnectTime is not null);
            Assert.Equal(opensConnection && transport != Transport.Tcp, m.TlsTime is not null);
            Assert.Equal(mode == ConnectionMode.Kept ? 0 : null, m.Reconnects);
        }
    }

    [Theory]
    [InlineData(DohMethod.Post)]
    [InlineData(DohMethod.Get)]
    public async Task ProbeAsync_DohMethods_AnswerSoaWithSerial(DohMethod method)
    {
        var target = Target("127.0.0.1", Transport.Https) with
        {
            DohMethod = method,
            Query = new DnsQuestion(UnboundServer.Zone, DnsClasses.IN, DnsTypes.SOA),
            Identity = IdentityMethods.Nsid,
        };
        await using var prober = Prober();

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal(UnboundServer.ZoneSerial, (uint?)m.SoaSerial);
        Assert.Equal(_unbound.Server.Nsid, m.Identity.Nsid?.Text);
    }

    [Theory]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Https)]
    public async Task ProbeAsync_CertificateForAnotherName_FailsValidation(Transport transport)
    {
        var target = Target("127.0.0.1", transport) with { TlsName = "wrong.test" };
        await using var prober = Prober();

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("RemoteCertificateNameMismatch", m.Error, StringComparison.Ordinal);
        Assert.Null(m.Rtt);
    }

    [Theory]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Https)]
    public async Task ProbeAsync_UntrustedRoot_FailsValidation(Transport transport)
    {
        await using var prober = new DnsProber(TimeProvider.System); // the system's roots only

        var m = await prober.ProbeAsync(Target("127.0.0.1", transport), "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("RemoteCertificateChainErrors", m.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.Tls, "wrong.test")]
    [InlineData(Transport.Https, "wrong.test")]
    [InlineData(Transport.Tls, null)]
    [InlineData(Transport.Https, null)]
    public async Task ProbeAsync_Insecure_AcceptsAnyCertificate(Transport transport, string? tlsName)
    {
        var target = Target("::1", transport) with { TlsName = tlsName, TlsInsecure = true };
        await using var prober = new DnsProber(TimeProvider.System); // no trusted root either

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal(_unbound.Server.Identity, m.Identity.IdServer?.Text);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ProbeAsync_CertificateForTheAddress_PassesWithoutTlsName(string address)
    {
        // The server certificate carries 127.0.0.1 and ::1 as IP SANs, so the address itself is a valid name.
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(address, Transport.Tls) with { TlsName = null }, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
    }

    [Theory]
    [InlineData(Transport.Udp)]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Https)]
    public async Task ProbeAsync_Dnssec_RecordsAdAndRrsigOverEveryTransport(Transport transport)
    {
        // Unbound's local data is unsigned and not validated: the flags are asked for and come back false.
        var target = Target("127.0.0.1", transport) with
        {
            Query = new DnsQuestion(UnboundServer.Zone, DnsClasses.IN, DnsTypes.A),
            Dnssec = true,
        };
        await using var prober = Prober();

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.False(m.AuthenticData);
        Assert.False(m.RrsigSeen);
        Assert.Equal(UnboundServer.ZoneAddress.ToString(), m.Answers);
    }

    [Fact]
    public async Task ProbeAsync_HostNameLocalhost_ResolvesThroughSystemAndStoresAddress()
    {
        // localhost comes from /etc/hosts: no packet leaves the machine.
        var target = Target("127.0.0.1", Transport.Tls) with { HostName = "localhost", TlsName = _unbound.Certificates.Name };
        await using var prober = Prober();

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.NotNull(m.Address);
        Assert.True(IPAddress.IsLoopback(m.Address));
    }

    private Target Target(string address, Transport transport)
    {
        var server = _unbound.Server;
        return new Target("unbound", IPAddress.Parse(address))
        {
            Port = transport switch { Transport.Tls => server.TlsPort, Transport.Https => server.HttpsPort, _ => server.Port },
            Transport = transport,
            TlsName = _unbound.Certificates.Name,
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer,
            Timeout = TimeSpan.FromSeconds(5),
        };
    }

    private DnsProber Prober() => new(TimeProvider.System, new DnsProberOptions { TrustedRoots = _unbound.Certificates.Roots });

    public sealed class Unbound() : UnboundFixture("unbound-ams1", "unbound-nsid-ams1");
}
