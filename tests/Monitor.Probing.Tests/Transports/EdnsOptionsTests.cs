using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>The DO bit, the EDNS payload size and no-EDNS as the server sees them, and the AD and RRSIG it sends back.</summary>
public sealed class EdnsOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool, bool, ushort?, ushort?> Knobs => new()
    {
        { true, false, null, (ushort)1232 },
        { true, true, null, (ushort)1232 },
        { true, true, (ushort)4096, (ushort)4096 },
        { true, false, (ushort)512, (ushort)512 },
        { false, false, null, null },
    };

    [Theory]
    [MemberData(nameof(Knobs))]
    public async Task ProbeAsync_EdnsKnobs_ReachTheServer(bool edns, bool dnssec, ushort? size, ushort? expectedSize)
    {
        var queries = new List<ParsedQuery>();
        await using var server = FakeDnsServer.Start(q =>
        {
            lock (queries)
            {
                queries.Add(q);
            }

            return [new FakeReply(DnsMessageBuilder.ResponseTo(q).Flags(0x8400).Txt("id.server", DnsClasses.CH, "x").Build())];
        });
        await using var prober = new DnsProber(TimeProvider.System);
        var target = new Target("t", IPAddress.Loopback)
        {
            Port = server.EndPoint.Port,
            Edns = edns,
            Dnssec = dnssec,
            EdnsSize = size,
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer,
            Timeout = TimeSpan.FromSeconds(2),
        };

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        var query = Assert.Single(queries);
        Assert.Equal(edns, query.HasOpt);
        Assert.Equal(edns, query.RequestsNsid); // no NSID without EDNS
        Assert.Equal(dnssec, query.DnssecOk);
        Assert.Equal(expectedSize, query.PayloadSize);
        Assert.Equal(dnssec ? false : null, m.AuthenticData);
    }

    [Theory]
    [InlineData(Transport.Udp)]
    [InlineData(Transport.Tcp)]
    public async Task ProbeAsync_SignedValidatedAnswer_RecordsAdAndRrsig(Transport transport)
    {
        await using var server = FakeDnsServer.Start(q =>
            [new FakeReply(DnsMessageBuilder.ResponseTo(q).Flags(0x81A0)
                .Answer(q.Name, DnsTypes.A, DnsClasses.IN, [192, 0, 2, 1])
                .Answer(q.Name, DnsTypes.RRSIG, DnsClasses.IN, new byte[40]).Build())]);
        await using var prober = new DnsProber(TimeProvider.System);
        var target = new Target("t", IPAddress.Loopback)
        {
            Port = server.EndPoint.Port,
            Transport = transport,
            Query = new DnsQuestion("signed.test", DnsClasses.IN, DnsTypes.A),
            Dnssec = true,
            Identity = IdentityMethods.None,
            Timeout = TimeSpan.FromSeconds(2),
        };

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.True(m.AuthenticData);
        Assert.True(m.RrsigSeen);
        Assert.Equal("192.0.2.1", m.Answers);
    }

    [Fact]
    public async Task ProbeAsync_DnssecWithoutEdns_Throws()
    {
        await using var prober = new DnsProber(TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            prober.ProbeAsync(new Target("t", IPAddress.Loopback) { Edns = false, Dnssec = true }, "vp", Ct));
    }

    [Fact]
    public void EdnsSize_Below512_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Target("t", IPAddress.Loopback) { EdnsSize = 511 });
}
