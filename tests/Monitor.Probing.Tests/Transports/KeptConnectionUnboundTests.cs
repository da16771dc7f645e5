using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>Kept connections to a real Unbound that closes idle connections after 1 s.</summary>
public sealed class KeptConnectionUnboundTests : IClassFixture<KeptConnectionUnboundTests.Unbound>
{
    private readonly Unbound _unbound;

    public KeptConnectionUnboundTests(Unbound unbound) => _unbound = unbound;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Https)]
    public async Task ProbeAsync_ServerClosedIdleConnection_NextProbeReconnectsAndKeepsItsCost(Transport transport)
    {
        var server = _unbound.Server;
        var target = new Target("unbound", IPAddress.Loopback)
        {
            Port = transport switch { Transport.Tls => server.TlsPort, Transport.Https => server.HttpsPort, _ => server.Port },
            Transport = transport,
            Connection = ConnectionMode.Kept,
            TlsName = _unbound.Certificates.Name,
            Timeout = TimeSpan.FromSeconds(5),
        };
        await using var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { TrustedRoots = _unbound.Certificates.Roots });

        var opening = await prober.ProbeAsync(target, "vp", Ct);
        var steady = await prober.ProbeAsync(target, "vp", Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // past Unbound's tcp-idle-timeout
        var reopened = await prober.ProbeAsync(target, "vp", Ct);

        Assert.All([opening, steady, reopened], m => Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error));
        Assert.All([opening, steady, reopened], m => Assert.Equal(server.Identity, m.Identity.IdServer?.Text));
        Assert.Equal([0, 0, 1], [opening.Reconnects, steady.Reconnects, reopened.Reconnects]);
        Assert.NotNull(opening.ConnectTime);
        Assert.Null(steady.ConnectTime);
        Assert.Null(steady.TlsTime);
        Assert.NotNull(reopened.ConnectTime);
        Assert.Equal(transport != Transport.Tcp, reopened.TlsTime is not null);
    }

    public sealed class Unbound() : UnboundFixture("unbound-idle", "unbound-nsid-idle", TimeSpan.FromSeconds(1));
}
