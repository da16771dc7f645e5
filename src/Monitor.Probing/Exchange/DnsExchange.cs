using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;

namespace Monitor.Probing.Exchange;

/// <summary>
/// Sends one query and waits for its response, over UDP or TCP, with no retry and no fallback. A
/// packet counts as the response only when it comes from the queried address and port and its head
/// answers the query's ID and question; any other packet is discarded and counted, and the wait goes
/// on until the timeout. A discarded UDP packet is neither copied nor kept, so a flood of replies
/// holds no memory beyond one receive buffer, and the wait ends at the timeout however many packets
/// keep arriving. Every probe uses a new socket and a random ID: a reply that arrives after the
/// timeout finds the socket closed, and a stale or duplicated reply can never be taken for the
/// answer to a later query. RTT is taken from <see cref="TimeProvider.GetTimestamp"/> just before the
/// send and just after the receive, before any parsing. Over UDP on Linux, when the clock is
/// <see cref="TimeProvider.System"/>, the RTT ends instead at the kernel's receive stamp of the
/// response (<see cref="KernelTimestamps"/>), measured from a realtime reading just before the send:
/// the receive's continuation waits for a thread-pool thread, up to milliseconds under load, and that
/// wait is not the server's. When the stamp is missing or fails its checks, the user-space RTT stands.
/// </summary>
public sealed class DnsExchange
{
    private const int MaxMessage = 65535;
    private const int HeaderLength = 12;

    // Linux: IP_RECVERR (SOL_IP 0, option 11) and IPV6_RECVERR (SOL_IPV6 41, option 25) make an
    // unconnected UDP socket report ICMP errors (port unreachable) instead of dropping them.
    private const int SolIp = 0;
    private const int IpRecvErr = 11;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvErr = 25;

    private readonly TimeProvider _time;
    private readonly bool _kernelTimestamps;

    /// <summary>Creates an exchange using <paramref name="time"/> for timestamps and timeouts.</summary>
    /// <param name="time">The clock of timestamps and timeouts.</param>
    /// <param name="kernelTimestamps">
    /// End UDP RTTs at the kernel's receive stamp where it can be read. The stamp is on the system's
    /// realtime clock, so it is used only when <paramref name="time"/> is <see cref="TimeProvider.System"/>:
    /// with any other clock (a test's) RTTs stay on that clock.
    /// </param>
    public DnsExchange(TimeProvider time, bool kernelTimestamps = true)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _kernelTimestamps = kernelTimestamps && ReferenceEquals(time, TimeProvider.System) && KernelTimestamps.IsSupported;
    }

    /// <summary>Sends <paramref name="query"/> to <paramref name="server"/> and waits for its response.</summary>
    /// <param name="server">Where to send.</param>
    /// <param name="transport">UDP or TCP (a fresh connection); TLS and HTTPS go through <see cref="DnsProber"/>.</param>
    /// <param name="query">The query octets, as written by <see cref="DnsQueryWriter"/>.</param>
    /// <param name="id">The query's message ID.</param>
    /// <param name="question">The query's question.</param>
    /// <param name="timeout">How long to wait in all (for TCP including the connection).</param>
    /// <param name="cancellationToken">Cancels the wait; cancellation propagates and is never a timeout.</param>
    public Task<ExchangeResult> ExchangeAsync(
        IPEndPoint server,
        Transport transport,
        byte[] query,
        ushort id,
        DnsQuestion question,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return transport switch
        {
            Transport.Udp => UdpAsync(server, query, id, question, timeout, cancellationToken),
            Transport.Tcp => TcpAsync(server, query, id, question, timeout, cancellationToken),
            _ => throw new ArgumentException($"{transport} needs TLS settings: probe through a TransportSession.", nameof(transport)),
        };
    }

    private async Task<ExchangeResult> UdpAsync(
        IPEndPoint server, byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        EnableIcmpErrors(socket);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        var kernelStamps = _kernelTimestamps && KernelTimestamps.Enable(socket);

        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessage);
        var discarded = default(DiscardCounts);
        try
        {
            // Monotonic first, realtime second, at both ends: then a kernel stamp of the response lies
            // between the two realtime readings (KernelTimestamps.RttFromStamp). A second monotonic
            // reading after each realtime one measures how far apart a preemption moved the pair.
            var start = _time.GetTimestamp();
            var sentAt = kernelStamps ? _time.GetUtcNow().UtcDateTime : default;
            var startSlack = kernelStamps ? _time.GetElapsedTime(start) : default;
            await socket.SendToAsync(query, SocketFlags.None, server, linked.Token).ConfigureAwait(false);
            EndPoint any = new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            while (true)
            {
                // A flood of packets that are always ready must not outlive the timeout.
                linked.Token.ThrowIfCancellationRequested();
                var received = await socket.ReceiveFromAsync(buffer.AsMemory(0, MaxMessage), SocketFlags.None, any, linked.Token).ConfigureAwait(false);
                var end = _time.GetTimestamp();
                var readAt = kernelStamps ? _time.GetUtcNow().UtcDateTime : default;
                var endSlack = kernelStamps ? _time.GetElapsedTime(end) : default;
                if (received.RemoteEndPoint is not IPEndPoint from || !from.Address.Equals(server.Address) || from.Port != server.Port)
                {
                    discarded = discarded with { WrongSource = discarded.WrongSource + 1 };
                    continue;
                }

                // Cheap rejections first, without copying or parsing, so a flood of replies costs no memory.
                if (received.ReceivedBytes < HeaderLength)
                {
                    discarded = discarded with { Unreadable = discarded.Unreadable + 1 };
                    continue;
                }

                if (BinaryPrimitives.ReadUInt16BigEndian(buffer) != id)
                {
                    discarded = discarded with { WrongId = discarded.WrongId + 1 };
                    continue;
                }

                var message = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
                if (Classify(message, id, question, ref discarded))
                {
                    // The stamp is of the last packet read, so it is read before any other read.
                    var userRtt = _time.GetElapsedTime(start, end);
                    var kernelRtt = kernelStamps ? KernelTimestamps.RttFromStamp(userRtt, sentAt, readAt, KernelTimestamps.LastReceived(socket), startSlack + endSlack) : null;
                    return kernelRtt is { } rtt
                        ? new ExchangeResult(ExchangeStatus.Response, message, rtt, discarded, null, RttSource.KernelReceiveStamp)
                        : new ExchangeResult(ExchangeStatus.Response, message, userRtt, discarded, null, RttSource.UserSpace);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExchangeResult(ExchangeStatus.Timeout, null, null, discarded, null);
        }
        catch (SocketException ex)
        {
            return new ExchangeResult(ExchangeStatus.NetworkError, null, null, discarded, ExchangeFailures.Describe(ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<ExchangeResult> TcpAsync(
        IPEndPoint server, byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        StreamConnection? connection = null;
        try
        {
            connection = await StreamConnection.OpenAsync(server, null, _time, linked.Token).ConfigureAwait(false);
            var result = await connection.ExchangeAsync(query, id, question, linked.Token).ConfigureAwait(false);
            return result with { ConnectTime = connection.ConnectTime };
        }
        catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
        {
            return ExchangeFailures.ToResult(ex, connection?.Discarded ?? default) with { ConnectTime = connection?.ConnectTime };
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when the message answers the query; otherwise counts why not.</summary>
    internal static bool Classify(byte[] message, ushort id, DnsQuestion question, ref DiscardCounts discarded)
    {
        DnsResponseHead head;
        try
        {
            head = DnsResponseReader.ReadHead(message);
        }
        catch (DnsWireException)
        {
            discarded = discarded with { Unreadable = discarded.Unreadable + 1 };
            return false;
        }

        if (head.Id != id)
        {
            discarded = discarded with { WrongId = discarded.WrongId + 1 };
            return false;
        }

        if (!head.Answers(id, question))
        {
            discarded = discarded with { WrongQuestion = discarded.WrongQuestion + 1 };
            return false;
        }

        return true;
    }

    private static void EnableIcmpErrors(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Span<byte> on = stackalloc byte[4];
        BitConverter.TryWriteBytes(on, 1); // native byte order, as setsockopt reads an int
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption(SolIpv6, Ipv6RecvErr, on);
        }
        else
        {
            socket.SetRawSocketOption(SolIp, IpRecvErr, on);
        }
    }
}
