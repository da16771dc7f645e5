using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>
/// A server on loopback that answers one query with a flood of wrong-ID replies for longer than the
/// timeout. The probe must end by its timeout, count what it discarded, and hold no memory per
/// discarded packet. Run alone (no other test allocating at the same time) so the allocation count is its own.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class ReplyFloodTests
{
    private const int PacketSize = 1200;
    private const int MaxPackets = 2_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2); // long enough to read 1,000+ packets also on a loaded machine

    [Fact]
    public async Task FloodOfWrongIdReplies_EndsByTheTimeoutCountedAndWithoutMemoryPerPacket()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endPoint = (IPEndPoint)server.LocalEndPoint!;
        using var stop = new CancellationTokenSource();
        var sent = 0;
        var flood = Task.Run(
            () =>
            {
                var query = new byte[512];
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                var length = server.ReceiveFrom(query, ref from);
                var parsed = ParsedQuery.Parse(query[..length], from);
                var packet = DnsMessageBuilder.ResponseTo(parsed with { Id = (ushort)(parsed.Id ^ 0x8001) }).Txt(parsed.Name, parsed.QClass, new string('x', 200)).Build();
                Array.Resize(ref packet, PacketSize); // trailing octets; only the head matters
                server.Connect(from);
                var watch = Stopwatch.StartNew();
                while (!stop.IsCancellationRequested && sent < MaxPackets && watch.Elapsed < TimeSpan.FromSeconds(20))
                {
                    try
                    {
                        server.Send(packet);
                        sent++;
                    }
                    catch (SocketException)
                    {
                        // the prober closed its socket (ICMP port unreachable); keep going until told to stop
                    }
                }
            },
            ct);

        var target = new Target("t", endPoint.Address) { Port = endPoint.Port, Timeout = Timeout };
        var prober = new DnsProber(TimeProvider.System);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var m = await prober.ProbeAsync(target, "vp", ct);
        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await flood;

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.True(m.Discarded >= 1_000, $"only {m.Discarded} packets were read during the flood");

        // Liveness, not speed: the probe ended although packets kept coming (the flood runs up to 20 s).
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the probe took {elapsed} under a flood");
        Assert.True(sent > m.Discarded, $"the flood went on after the probe ended: sent {sent}, discarded {m.Discarded}");

        // A copy per packet would be over PacketSize each; reading in place costs a small endpoint object.
        var perPacket = allocated / m.Discarded;
        Assert.True(perPacket < PacketSize / 2, $"{perPacket} bytes allocated per discarded packet ({allocated} for {m.Discarded})");
    }
}
