using System.Diagnostics;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Probing.Exchange;
using Monitor.Probing.Wire;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Exchange;

/// <summary>
/// Where the exchange's RTT ends: at the kernel's receive stamp over UDP with the system clock, at
/// the user-space timestamps otherwise. Checked by order against a server that measures its own
/// hold (an RTT can never be shorter than the time the server kept the query), never by speed.
/// </summary>
public sealed class DnsExchangeTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DnsQuestion Question = DnsQuestion.IdServer;

    /// <summary>A server that keeps each query <see cref="Hold"/> and records how long it really kept it.</summary>
    private sealed class HoldingServer
    {
        private long _heldTicks;

        public TimeSpan Held => TimeSpan.FromTicks(Interlocked.Read(ref _heldTicks));

        public IReadOnlyList<FakeReply> Answer(ParsedQuery q, params FakeReply[] before)
        {
            // The handler runs between the server's receive and its send, so its own elapsed time is
            // a lower bound of the hold the client sees.
            var start = Stopwatch.GetTimestamp();
            Thread.Sleep(Hold);
            var reply = new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "a").Build());
            Interlocked.Exchange(ref _heldTicks, Stopwatch.GetElapsedTime(start).Ticks);
            return [.. before, reply];
        }
    }

    private static Task<ExchangeResult> ExchangeAsync(DnsExchange exchange, IPEndPoint server, Transport transport = Transport.Udp)
    {
        const ushort id = 0x5a5a;
        var query = DnsQueryWriter.Write(id, Question, false, true, false);
        return exchange.ExchangeAsync(server, transport, query, id, Question, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ExchangeAsync_UdpWithSystemClock_RttEndsAtTheKernelStampAndCoversTheHold()
    {
        KernelTimestampsTests.RequireKernelStamps();
        var holding = new HoldingServer();
        await using var server = FakeDnsServer.Start(q => holding.Answer(q));

        var result = await ExchangeAsync(new DnsExchange(TimeProvider.System), server.EndPoint);

        Assert.Equal(ExchangeStatus.Response, result.Status);
        Assert.Equal(RttSource.KernelReceiveStamp, result.RttSource);
        Assert.True(result.Rtt >= holding.Held, $"RTT {result.Rtt} shorter than the server's hold {holding.Held}");
    }

    [Fact]
    public async Task ExchangeAsync_SpoofBeforeTheAnswer_StampIsTheAnswers()
    {
        KernelTimestampsTests.RequireKernelStamps();
        var holding = new HoldingServer();

        // The spoof (another port) leaves at once; the answer only after the hold. Were the stamp the
        // spoof's, the RTT would be shorter than the hold.
        await using var server = FakeDnsServer.Start(q => holding.Answer(
            q, new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "spoof").Build(), FromOtherPort: true)));

        var result = await ExchangeAsync(new DnsExchange(TimeProvider.System), server.EndPoint);

        Assert.Equal(ExchangeStatus.Response, result.Status);
        Assert.Equal(1, result.Discarded.WrongSource);
        Assert.Equal(RttSource.KernelReceiveStamp, result.RttSource);
        Assert.True(result.Rtt >= holding.Held, $"RTT {result.Rtt} shorter than the server's hold {holding.Held}");
    }

    [Fact]
    public async Task ExchangeAsync_KernelTimestampsOff_RttFromUserSpace()
    {
        var holding = new HoldingServer();
        await using var server = FakeDnsServer.Start(q => holding.Answer(q));

        var result = await ExchangeAsync(new DnsExchange(TimeProvider.System, kernelTimestamps: false), server.EndPoint);

        Assert.Equal(RttSource.UserSpace, result.RttSource);
        Assert.True(result.Rtt >= holding.Held, $"RTT {result.Rtt} shorter than the server's hold {holding.Held}");
    }

    [Fact]
    public async Task ExchangeAsync_AnotherClock_RttStaysOnThatClock()
    {
        var holding = new HoldingServer();
        await using var server = FakeDnsServer.Start(q => holding.Answer(q));

        var result = await ExchangeAsync(new DnsExchange(new SystemLikeClock()), server.EndPoint);

        Assert.Equal(RttSource.UserSpace, result.RttSource);
        Assert.True(result.Rtt >= holding.Held, $"RTT {result.Rtt} shorter than the server's hold {holding.Held}");
    }

    [Fact]
    public async Task ExchangeAsync_Tcp_RttFromUserSpace()
    {
        var holding = new HoldingServer();
        await using var server = FakeDnsServer.Start(q => holding.Answer(q));

        var result = await ExchangeAsync(new DnsExchange(TimeProvider.System), server.EndPoint, Transport.Tcp);

        Assert.Equal(ExchangeStatus.Response, result.Status);
        Assert.Equal(RttSource.UserSpace, result.RttSource);
        Assert.True(result.Rtt >= holding.Held, $"RTT {result.Rtt} shorter than the server's hold {holding.Held}");
    }

    [Fact]
    public async Task ExchangeAsync_NoAnswer_NoRttSource()
    {
        await using var server = FakeDnsServer.Silent();
        const ushort id = 7;
        var query = DnsQueryWriter.Write(id, Question, false, true, false);

        var result = await new DnsExchange(TimeProvider.System).ExchangeAsync(
            server.EndPoint, Transport.Udp, query, id, Question, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);

        Assert.Equal(ExchangeStatus.Timeout, result.Status);
        Assert.Equal(RttSource.None, result.RttSource);
    }

    /// <summary>The system's clock behind another instance: a test's clock, as far as the exchange can tell.</summary>
    private sealed class SystemLikeClock : TimeProvider;
}
