using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Testing;

/// <summary>
/// An in-process DNS server on loopback for fast unit tests and bad-response tests: it answers each
/// query (UDP and TCP on one port) with whatever packets the handler returns, or with nothing.
/// </summary>
public sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly Func<ParsedQuery, IReadOnlyList<FakeReply>> _handler;
    private readonly Socket _udp;
    private readonly Socket _udpOther;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _queries;

    private FakeDnsServer(IPAddress address, Func<ParsedQuery, IReadOnlyList<FakeReply>> handler)
    {
        _handler = handler;
        for (var attempt = 0; ; attempt++)
        {
            _tcp = new TcpListener(address, 0);
            _tcp.Start();
            var port = ((IPEndPoint)_tcp.LocalEndpoint).Port;
            _udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                _udp.Bind(new IPEndPoint(address, port));
                break;
            }
            catch (SocketException) when (attempt < 20)
            {
                _udp.Dispose();
                _tcp.Stop();
            }
        }

        _udpOther = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _udpOther.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    /// <summary>Where the server listens (UDP and TCP).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Queries received so far.</summary>
    public int QueriesReceived => Volatile.Read(ref _queries);

    /// <summary>Starts a server on <paramref name="address"/> (127.0.0.1 by default).</summary>
    public static FakeDnsServer Start(Func<ParsedQuery, IReadOnlyList<FakeReply>> handler, IPAddress? address = null) =>
        new(address ?? IPAddress.Loopback, handler);

    /// <summary>A server that reads every query and never answers.</summary>
    public static FakeDnsServer Silent(IPAddress? address = null) => Start(_ => [], address);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        _udpOther.Dispose();
        _tcp.Stop();
        try
        {
            await Task.WhenAll(_udpLoop, _tcpLoop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[65535];
        EndPoint any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _queries);
            var query = ParsedQuery.Parse(buffer[..received.ReceivedBytes], received.RemoteEndPoint);
            foreach (var reply in _handler(query))
            {
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, _stop.Token).ConfigureAwait(false);
                }

                var socket = reply.FromOtherPort ? _udpOther : _udp;
                await socket.SendToAsync(reply.Message, SocketFlags.None, received.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _tcp.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => ServeTcpAsync(client));
        }
    }

    private async Task ServeTcpAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var prefix = new byte[2];
                await client.ReceiveAsync(prefix, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                var raw = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                var read = 0;
                while (read < raw.Length)
                {
                    read += await client.ReceiveAsync(raw.AsMemory(read), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _queries);
                foreach (var reply in _handler(ParsedQuery.Parse(raw, client.RemoteEndPoint)))
                {
                    if (reply.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(reply.Delay, _stop.Token).ConfigureAwait(false);
                    }

                    var framed = new byte[reply.Message.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Message.Length);
                    reply.Message.CopyTo(framed, 2);
                    await client.SendAsync(framed, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }

                // Hold the connection open like a silent server would, until the client leaves.
                await client.ReceiveAsync(prefix, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
