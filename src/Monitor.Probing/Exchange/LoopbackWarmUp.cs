using System.Net;
using System.Net.Sockets;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;

namespace Monitor.Probing.Exchange;

/// <summary>
/// Runs the whole exchange path once against a reflector on 127.0.0.1 inside this process, so that the
/// first real probe does not pay for JIT compilation, the socket engine's start or thread-pool growth
/// inside its timed region. Packets go to loopback only.
/// </summary>
internal static class LoopbackWarmUp
{
    private static readonly DnsQuestion Question = DnsQuestion.IdServer;

    public static async Task RunAsync(DnsExchange exchange, CancellationToken cancellationToken)
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen(1);
        var server = (IPEndPoint)udp.LocalEndPoint!;
        var tcpServer = (IPEndPoint)tcp.LocalEndPoint!;

        for (var round = 0; round < 3; round++)
        {
            var query = DnsQueryWriter.Write((ushort)round, Question, false, true, true);
            var reflect = ReflectUdpAsync(udp, cancellationToken);
            var result = await exchange.ExchangeAsync(server, Transport.Udp, query, (ushort)round, Question, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            await reflect.ConfigureAwait(false);
            if (result.Response is { } response)
            {
                _ = DnsResponseReader.Read(response);
            }
        }

        var tcpQuery = DnsQueryWriter.Write(7, Question, false, true, true);
        var tcpReflect = ReflectTcpAsync(tcp, cancellationToken);
        await exchange.ExchangeAsync(tcpServer, Transport.Tcp, tcpQuery, 7, Question, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        await tcpReflect.ConfigureAwait(false);
    }

    private static async Task ReflectUdpAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
        buffer[2] |= 0x80; // QR: the query itself, turned into an empty response
        await socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReflectTcpAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[514];
        var read = 0;
        while (read < 2 || read < 2 + ((buffer[0] << 8) | buffer[1]))
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            read += n;
        }

        buffer[4] |= 0x80;
        await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }
}
