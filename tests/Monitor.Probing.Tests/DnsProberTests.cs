using System.Net;
using System.Net.Sockets;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>The prober against an in-process server that answers prepared, wrong or no packets.</summary>
public sealed class DnsProberTests
{
    // Short where a timeout is the expected outcome; generous where an answer is, so that a loaded
    // test host (hundreds of tests beside this one) never turns an answer into a timeout.
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    private static Target TargetAt(IPEndPoint endPoint, Func<Target, Target>? configure = null)
    {
        var target = new Target("t", endPoint.Address) { Port = endPoint.Port, Timeout = AnswerTimeout };
        return configure is null ? target : configure(target);
    }

    private static Task<Measurement> ProbeAsync(Target target) =>
        new DnsProber(TimeProvider.System).ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

    private static byte[] IdentityAnswer(ParsedQuery q, string id = "ams1", string? nsid = "ams1.example")
    {
        var builder = DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, id);
        return (q.RequestsNsid && nsid is not null ? builder.Nsid(nsid) : builder).Build();
    }

    [Fact]
    public async Task ProbeAsync_KernelTimestampsOff_StillGivesRtt()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q))]);
        var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { KernelTimestamps = false });

        var m = await prober.ProbeAsync(TargetAt(server.EndPoint), "vp", TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.True(m.Rtt > TimeSpan.Zero);
    }

    [Fact]
    public async Task ProbeAsync_PreparedAnswer_GivesRttIdentityAndNsidFromOnePacket()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q))]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.NotNull(m.Rtt);
        Assert.True(m.Rtt > TimeSpan.Zero);
        Assert.Equal(DnsRcodes.NoError, m.Rcode);
        Assert.Equal("ams1", m.Identity.IdServer?.Text);
        Assert.Equal("ams1.example", m.Identity.Nsid?.Text);
        Assert.Null(m.Identity.HostnameBind);
        Assert.Null(m.IdentityRtt);
        Assert.Equal(1, server.QueriesReceived);
        Assert.Equal("vp", m.VantageId);
        Assert.Equal(TimeSpan.Zero, m.Started.Offset);
    }

    [Fact]
    public async Task ProbeAsync_WrongIdOnly_TimesOutAndCountsIt()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q with { Id = (ushort)(q.Id ^ 0x5555) }))]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Null(m.Rtt);
        Assert.Equal(1, m.Discarded);
        Assert.True(m.Identity.IsEmpty);
    }

    [Fact]
    public async Task ProbeAsync_WrongIdThenRightOne_TakesOnlyTheRightOne()
    {
        await using var server = FakeDnsServer.Start(q =>
        [
            new FakeReply(IdentityAnswer(q with { Id = (ushort)(q.Id + 1) }, "spoof")),
            new FakeReply(IdentityAnswer(q, "real")),
        ]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal("real", m.Identity.IdServer?.Text);
        Assert.Equal(1, m.Discarded);
    }

    [Fact]
    public async Task ProbeAsync_WrongQuestion_IsDiscarded()
    {
        await using var server = FakeDnsServer.Start(q =>
        [
            new FakeReply(IdentityAnswer(q with { Name = "hostname.bind" }, "spoof")),
            new FakeReply(IdentityAnswer(q with { QClass = DnsClasses.IN }, "spoof")),
            new FakeReply(IdentityAnswer(q, "real")),
        ]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal("real", m.Identity.IdServer?.Text);
        Assert.Equal(2, m.Discarded);
    }

    [Fact]
    public async Task ProbeAsync_ReplyFromOtherPort_IsNeverTheAnswer()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q, "spoof"), FromOtherPort: true)]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Equal(1, m.Discarded);
    }

    [Fact]
    public async Task ProbeAsync_QueryEchoedBack_IsNotAnAnswer()
    {
        // A reflector that returns the query itself: right ID and question, but QR is clear.
        await using var server = FakeDnsServer.Start(q => [new FakeReply(q.Raw)]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Equal(1, m.Discarded);
    }

    [Fact]
    public async Task ProbeAsync_Silent_TimesOut()
    {
        await using var server = FakeDnsServer.Silent();

        var m = await ProbeAsync(TargetAt(server.EndPoint, t => t with { Timeout = ShortTimeout }));

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Null(m.Rtt);
        Assert.Null(m.Rcode);
        Assert.Equal(0, m.Discarded);
        Assert.Equal(1, server.QueriesReceived);
    }

    [Fact]
    public async Task ProbeAsync_Garbage_IsMalformed()
    {
        await using var server = FakeDnsServer.Start(_ => [new FakeReply([0xde, 0xad, 0xbe, 0xef])]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Malformed, m.Outcome);
        Assert.Equal(1, m.Discarded);
        Assert.Contains("unreadable", m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_MatchingHeadBrokenBody_IsMalformedWithRtt()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Counts(an: 3).Build())]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Malformed, m.Outcome);
        Assert.NotNull(m.Rtt);
        Assert.NotNull(m.Error);
    }

    [Fact]
    public async Task ProbeAsync_Truncated_IsAnsweredWithoutTcpRetry()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Truncated().Build())]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.True(m.Truncated);
        Assert.Equal(1, server.QueriesReceived);
    }

    [Fact]
    public async Task ProbeAsync_Refused_IsAnsweredWithRcodeAndNoIdentity()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Rcode(DnsRcodes.Refused).Build())]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal(DnsRcodes.Refused, m.Rcode);
        Assert.True(m.Identity.IsEmpty);
    }

    [Fact]
    public async Task ProbeAsync_OtherMainQuery_SendsIdentityQueryAfterAndKeepsBothRtts()
    {
        var seen = new List<ParsedQuery>();
        await using var server = FakeDnsServer.Start(q =>
        {
            lock (seen)
            {
                seen.Add(q);
            }

            return q.QClass == DnsClasses.CH
                ? [new FakeReply(IdentityAnswer(q, "fra2"))]
                : [new FakeReply(DnsMessageBuilder.ResponseTo(q).Answer(q.Name, DnsTypes.A, DnsClasses.IN, [192, 0, 2, 1]).Nsid("fra2.example").Build())];
        });
        var target = TargetAt(server.EndPoint, t => t with
        {
            Query = new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.A),
            RecursionDesired = true,
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind,
        });

        var m = await ProbeAsync(target);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.NotNull(m.Rtt);
        Assert.NotNull(m.IdentityRtt);
        Assert.Equal("fra2", m.Identity.IdServer?.Text);
        Assert.Equal("fra2", m.Identity.HostnameBind?.Text);
        Assert.Equal("fra2.example", m.Identity.Nsid?.Text);
        Assert.Equal(["example.com", "id.server", "hostname.bind"], seen.Select(q => q.Name));
        Assert.True(seen[0].RecursionDesired);
        Assert.True(seen[0].RequestsNsid);
    }

    [Fact]
    public async Task ProbeAsync_IdentityNone_SendsNoNsidAndNoExtraQuery()
    {
        ParsedQuery? seen = null;
        await using var server = FakeDnsServer.Start(q =>
        {
            seen = q;
            return [new FakeReply(IdentityAnswer(q))];
        });

        var m = await ProbeAsync(TargetAt(server.EndPoint, t => t with { Identity = IdentityMethods.None }));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.True(m.Identity.IsEmpty);
        Assert.False(seen!.RequestsNsid);
        Assert.False(seen.RecursionDesired);
        Assert.Equal(1, server.QueriesReceived);
    }

    [Fact]
    public async Task ProbeAsync_Tcp_GivesAnswer()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q, "tcp-node"))]);

        var m = await ProbeAsync(TargetAt(server.EndPoint, t => t with { Transport = Transport.Tcp }));

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal("tcp-node", m.Identity.IdServer?.Text);
    }

    [Fact]
    public async Task ProbeAsync_TcpWrongIdThenRight_DiscardsFirst()
    {
        await using var server = FakeDnsServer.Start(q =>
        [
            new FakeReply(IdentityAnswer(q with { Id = (ushort)(q.Id + 1) }, "spoof")),
            new FakeReply(IdentityAnswer(q, "real")),
        ]);

        var m = await ProbeAsync(TargetAt(server.EndPoint, t => t with { Transport = Transport.Tcp }));

        Assert.Equal("real", m.Identity.IdServer?.Text);
        Assert.Equal(1, m.Discarded);
    }

    [Fact]
    public async Task ProbeAsync_TcpSilent_TimesOut()
    {
        await using var server = FakeDnsServer.Silent();

        var m = await ProbeAsync(TargetAt(server.EndPoint, t => t with { Transport = Transport.Tcp, Timeout = ShortTimeout }));

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
    }

    [Theory]
    [InlineData(Transport.Udp)]
    [InlineData(Transport.Tcp)]
    public async Task ProbeAsync_ClosedPort_IsNetworkError(Transport transport)
    {
        int port;
        using (var placeholder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            placeholder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)placeholder.LocalEndPoint!).Port;
        }

        var m = await ProbeAsync(TargetAt(new IPEndPoint(IPAddress.Loopback, port), t => t with { Transport = transport }));

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("refused", m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_PropagatesInsteadOfTimeout()
    {
        await using var server = FakeDnsServer.Silent();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var target = TargetAt(server.EndPoint, t => t with { Timeout = TimeSpan.FromSeconds(30) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DnsProber(TimeProvider.System).ProbeAsync(target, "vp", cancel.Token));
    }

    [Fact]
    public async Task ProbeAsync_Ipv6Loopback_Works()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(IdentityAnswer(q, "v6"))], IPAddress.IPv6Loopback);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal("v6", m.Identity.IdServer?.Text);
    }

    [Fact]
    public async Task ProbeAsync_HostileIdentity_IsKeptRawAndEscaped()
    {
        byte[] hostile = [.. "=cmd|"u8, 0x1b, 0xe2, 0x80, 0xae, 0xff, (byte)'\n'];
        await using var server = FakeDnsServer.Start(q =>
            [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, [hostile]).Nsid(hostile).Build())]);

        var m = await ProbeAsync(TargetAt(server.EndPoint));

        Assert.Equal(hostile, m.Identity.IdServer!.Raw.ToArray());
        Assert.Equal("=cmd|\\027\\226\\128\\174\\255\\010", m.Identity.IdServer.Text);
        Assert.Equal(hostile, m.Identity.Nsid!.Raw.ToArray());
    }
}
