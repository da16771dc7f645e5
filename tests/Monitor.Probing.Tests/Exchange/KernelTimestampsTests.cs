using System.Net;
using System.Net.Sockets;

using Monitor.Probing.Exchange;

namespace Monitor.Probing.Tests.Exchange;

/// <summary>
/// The kernel's receive stamp of a datagram on loopback, checked by order against realtime readings
/// around it (never by speed), and the checks that decide whether an exchange may trust it.
/// </summary>
public sealed class KernelTimestampsTests
{
    private static readonly DateTime Sent = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>Skips off Linux; on Linux (every CI machine) the stamps must be there.</summary>
    internal static void RequireKernelStamps()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "kernel receive stamps (SIOCGSTAMPNS) are read on Linux only");
        Assert.True(KernelTimestamps.IsSupported, "SIOCGSTAMPNS refused on Linux");
    }

    private static (Socket Receiver, Socket Sender) Pair()
    {
        var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (receiver, sender);
    }

    [Fact]
    public void LastReceived_DatagramOnLoopback_LiesBetweenTheSendAndTheRead()
    {
        RequireKernelStamps();
        var (receiver, sender) = Pair();
        using (receiver)
        using (sender)
        {
            Assert.True(KernelTimestamps.Enable(receiver));
            var buffer = new byte[16];

            var before = DateTime.UtcNow;
            sender.SendTo([1, 2, 3], receiver.LocalEndPoint!);
            Assert.Equal(3, receiver.Receive(buffer));
            var after = DateTime.UtcNow;
            var stamp = KernelTimestamps.LastReceived(receiver);

            Assert.NotNull(stamp);
            Assert.InRange(stamp.Value, before, after);
        }
    }

    [Fact]
    public void LastReceived_DatagramReadLate_IsStillItsArrival()
    {
        RequireKernelStamps();
        var (receiver, sender) = Pair();
        using (receiver)
        using (sender)
        {
            Assert.True(KernelTimestamps.Enable(receiver));
            var buffer = new byte[16];

            sender.SendTo([1, 2, 3], receiver.LocalEndPoint!);
            Assert.True(receiver.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead));
            var waiting = DateTime.UtcNow; // the datagram is already queued: it arrived before this
            Thread.Sleep(20); // a reader that runs late, as a thread-pool continuation may
            Assert.Equal(3, receiver.Receive(buffer));
            var stamp = KernelTimestamps.LastReceived(receiver);

            Assert.NotNull(stamp);
            Assert.True(stamp <= waiting, $"stamp {stamp:O} is after {waiting:O}, when the datagram was already waiting");
        }
    }

    [Fact]
    public void LastReceived_StampOfTheLastDatagramRead_NotOfOneStillQueued()
    {
        RequireKernelStamps();
        var (receiver, sender) = Pair();
        using (receiver)
        using (sender)
        {
            Assert.True(KernelTimestamps.Enable(receiver));
            var buffer = new byte[16];

            sender.SendTo([1], receiver.LocalEndPoint!);
            Assert.True(receiver.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead));
            var between = DateTime.UtcNow;
            sender.SendTo([2], receiver.LocalEndPoint!);

            // On loopback the second is queued by the time its send returns; the pause makes sure of
            // it under load. (Were it not queued yet, this test would pass without proving anything.)
            Thread.Sleep(20);
            Assert.Equal(1, receiver.Receive(buffer));
            var first = KernelTimestamps.LastReceived(receiver);
            Assert.Equal(1, receiver.Receive(buffer));
            var second = KernelTimestamps.LastReceived(receiver);

            Assert.Equal(2, buffer[0]);
            Assert.True(first <= between, "the stamp after the first read is the first datagram's, not the queued second's");
            Assert.True(second > between);
        }
    }

    [Fact]
    public void LastReceived_NothingReadYet_IsNull()
    {
        RequireKernelStamps();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.True(KernelTimestamps.Enable(socket));
        Assert.Null(KernelTimestamps.LastReceived(socket));
    }

    [Theory]
    [InlineData(5000, 5100, 3000, 3000)] // a stamp inside, clocks agreeing: the RTT ends at the stamp
    [InlineData(5000, 5100, 0, 0)] // arrived as the send returned
    [InlineData(5000, 5100, 5100, 5100)] // arrived as the read returned
    [InlineData(5000, 5050, 3000, 3000)] // the clocks differ by less than their agreement (100 µs)
    public void RttFromStamp_TrustedStamp_IsStampMinusSend(long userRttUs, long readAtUs, long stampUs, long expectedUs)
    {
        var rtt = KernelTimestamps.RttFromStamp(
            TimeSpan.FromMicroseconds(userRttUs), Sent, Sent.AddMicroseconds(readAtUs), Sent.AddMicroseconds(stampUs));

        Assert.Equal(TimeSpan.FromMicroseconds(expectedUs), rtt);
    }

    [Theory]
    [InlineData(5000, 5100, -1)] // before the send: not this exchange's packet, or a step back
    [InlineData(5000, 5100, 5101)] // after the read: the kernel's "now" for a packet it did not stamp
    [InlineData(5000, 1_005_000, 3000)] // the realtime clock stepped forward a second during the exchange
    [InlineData(5000, 4000, 3000)] // or back a millisecond
    public void RttFromStamp_UntrustedStamp_IsNull(long userRttUs, long readAtUs, long stampUs)
    {
        Assert.Null(KernelTimestamps.RttFromStamp(
            TimeSpan.FromMicroseconds(userRttUs), Sent, Sent.AddMicroseconds(readAtUs), Sent.AddMicroseconds(stampUs)));
    }

    [Theory]
    [InlineData(5000, 5400, 0, false)] // 400 µs apart with readings that were close: a step
    [InlineData(5000, 5400, 350, true)] // the same 400 µs, but a preemption held the readings 350 µs apart
    [InlineData(5000, 4600, 350, true)] // either way
    [InlineData(5000, 1_005_000, 350, false)] // a second's step is a step whatever the slack
    public void RttFromStamp_ReadingSlack_WidensTheAgreementByThatMuch(long userRttUs, long readAtUs, long slackUs, bool trusted)
    {
        var rtt = KernelTimestamps.RttFromStamp(
            TimeSpan.FromMicroseconds(userRttUs), Sent, Sent.AddMicroseconds(readAtUs), Sent.AddMicroseconds(3000), TimeSpan.FromMicroseconds(slackUs));

        Assert.Equal(trusted ? TimeSpan.FromMicroseconds(3000) : null, rtt);
    }

    [Fact]
    public void RttFromStamp_NoStamp_IsNull() =>
        Assert.Null(KernelTimestamps.RttFromStamp(TimeSpan.FromMilliseconds(5), Sent, Sent.AddMilliseconds(5), null));
}
