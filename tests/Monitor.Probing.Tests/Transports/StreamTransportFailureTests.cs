using System.Net;
using System.Net.Sockets;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>Timeouts, resets and closes over TLS and TCP, fresh and kept, against in-process servers on loopback.</summary>
public sealed class StreamTransportFailureTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task ProbeAsync_TlsServerNeverSpeaks_TimesOut()
    {
        await using var server = StreamTestServer.Start(null, (_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(server, Transport.Tls) with { Timeout = TimeSpan.FromMilliseconds(300) }, "vp", Ct);

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Null(m.Rtt);
        Assert.Null(m.TlsTime);
    }

    [Fact]
    public async Task ProbeAsync_TlsServerResetsOnAccept_IsNetworkError()
    {
        await using var server = StreamTestServer.Start(null, (socket, _, _) =>
        {
            StreamTestServer.Reset(socket);
            return Task.CompletedTask;
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(server, Transport.Tls), "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.False(string.IsNullOrEmpty(m.Error));
    }

    [Fact]
    public async Task ProbeAsync_TlsServerSpeaksPlainText_IsHandshakeFailure()
    {
        await using var server = StreamTestServer.Start(null, async (_, stream, ct) =>
        {
            var hello = new byte[64];
            await stream.ReadAtLeastAsync(hello, 1, throwOnEndOfStream: false, ct);
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), ct);
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(server, Transport.Tls), "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("TLS", m.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Https)]
    public async Task ProbeAsync_NothingListening_IsRefused(Transport transport)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var prober = Prober();

        var m = await prober.ProbeAsync(new Target("closed", IPAddress.Loopback) { Port = port, Transport = transport, Timeout = TimeSpan.FromSeconds(2) }, "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("refused", m.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "connection")]
    [InlineData(false, "closed before a response")]
    public async Task ProbeAsync_TlsServerDropsAfterQuery_IsNetworkError(bool reset, string expected)
    {
        await using var server = StreamTestServer.Start(_certificates.Server, async (socket, stream, ct) =>
        {
            await StreamTestServer.ReadMessageAsync(stream, ct);
            if (reset)
            {
                StreamTestServer.Reset(socket);
            }
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(server, Transport.Tls), "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains(expected, m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_TlsServerSilentAfterHandshake_TimesOut()
    {
        await using var server = StreamTestServer.Start(_certificates.Server, (_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(server, Transport.Tls) with { Timeout = TimeSpan.FromMilliseconds(500) }, "vp", Ct);

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
    }

    [Fact]
    public async Task ProbeAsync_TlsCallerCancelsDuringHandshake_Propagates()
    {
        await using var server = StreamTestServer.Start(null, (_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        await using var prober = Prober();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            prober.ProbeAsync(Target(server, Transport.Tls) with { Timeout = TimeSpan.FromSeconds(30) }, "vp", cancel.Token));
    }

    [Fact]
    public async Task ProbeAsync_KeptTlsClosedByServerBetweenProbes_ReconnectsAndCountsIt()
    {
        // Every connection answers one query, then the server closes it.
        await using var server = StreamTestServer.Start(_certificates.Server, AnswerOnceAsync);
        await using var prober = Prober();
        var target = Target(server, Transport.Tls) with { Connection = ConnectionMode.Kept };

        var first = await prober.ProbeAsync(target, "vp", Ct);
        await WaitUntilAsync(() => server.Connections == 1);
        await Task.Delay(100, Ct); // let the close arrive
        var second = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(first.Outcome == ProbeOutcome.Answered, first.Error);
        Assert.Equal(0, first.Reconnects);
        Assert.True(second.Outcome == ProbeOutcome.Answered, second.Error);
        Assert.Equal(1, second.Reconnects);
        Assert.NotNull(second.ConnectTime);
        Assert.NotNull(second.TlsTime);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task ProbeAsync_KeptTlsResetWhileQueryInFlight_SendsOnceMoreOnNewConnection()
    {
        // The first connection answers one query and resets on the next; later connections answer.
        var connection = 0;
        await using var server = StreamTestServer.Start(_certificates.Server, async (socket, stream, ct) =>
        {
            if (Interlocked.Increment(ref connection) == 1)
            {
                await AnswerOnceAsync(socket, stream, ct);
                await StreamTestServer.ReadMessageAsync(stream, ct);
                StreamTestServer.Reset(socket);
                return;
            }

            await AnswerOnceAsync(socket, stream, ct);
        });
        await using var prober = Prober();
        var target = Target(server, Transport.Tls) with { Connection = ConnectionMode.Kept };

        var first = await prober.ProbeAsync(target, "vp", Ct);
        var second = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(first.Outcome == ProbeOutcome.Answered, first.Error);
        Assert.True(second.Outcome == ProbeOutcome.Answered, second.Error);
        Assert.Equal(1, second.Reconnects);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task ProbeAsync_KeptTlsTimedOut_NextProbeReconnects()
    {
        var connection = 0;
        await using var server = StreamTestServer.Start(_certificates.Server, async (socket, stream, ct) =>
        {
            if (Interlocked.Increment(ref connection) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct); // the first connection never answers
            }

            await AnswerOnceAsync(socket, stream, ct);
        });
        await using var prober = Prober();
        var target = Target(server, Transport.Tls) with { Connection = ConnectionMode.Kept, Timeout = TimeSpan.FromMilliseconds(400) };

        var first = await prober.ProbeAsync(target, "vp", Ct);
        var second = await prober.ProbeAsync(target with { Timeout = TimeSpan.FromSeconds(5) }, "vp", Ct);

        Assert.Equal(ProbeOutcome.Timeout, first.Outcome);
        Assert.True(second.Outcome == ProbeOutcome.Answered, second.Error);
        Assert.Equal(1, second.Reconnects);
    }

    private static async Task AnswerOnceAsync(Socket socket, Stream stream, CancellationToken cancellationToken)
    {
        var raw = await StreamTestServer.ReadMessageAsync(stream, cancellationToken);
        if (raw is null)
        {
            return;
        }

        var reply = DnsMessageBuilder.ResponseTo(ParsedQuery.Parse(raw)).Flags(0x8400).Txt("id.server", DnsClasses.CH, "fake").Build();
        await StreamTestServer.WriteMessageAsync(stream, reply, cancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }
    }

    private Target Target(StreamTestServer server, Transport transport) => new("stream", server.EndPoint.Address)
    {
        Port = server.EndPoint.Port,
        Transport = transport,
        TlsName = _certificates.Name,
        Identity = IdentityMethods.IdServer,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private DnsProber Prober() => new(TimeProvider.System, new DnsProberOptions { TrustedRoots = _certificates.Roots });
}
