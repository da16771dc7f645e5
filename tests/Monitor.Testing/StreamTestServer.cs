using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Testing;

/// <summary>
/// A TCP server inside the test process on loopback for the failures of connection transports: each
/// accepted connection is handed to a test's behaviour, raw or (with a certificate) after a real TLS
/// handshake through <see cref="SslStream"/>. Helpers read one framed DNS query and write one framed
/// reply (RFC 1035 §4.2.2).
/// </summary>
public sealed class StreamTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly Func<Socket, Stream, CancellationToken, Task> _behaviour;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private StreamTestServer(IPAddress address, X509Certificate2? certificate, Func<Socket, Stream, CancellationToken, Task> behaviour)
    {
        _certificate = certificate;
        _behaviour = behaviour;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// Starts a server; with <paramref name="certificate"/> every connection first completes a TLS
    /// handshake. The behaviour gets the socket (to reset it) and the stream (to talk).
    /// </summary>
    public static StreamTestServer Start(X509Certificate2? certificate, Func<Socket, Stream, CancellationToken, Task> behaviour, IPAddress? address = null) =>
        new(address ?? IPAddress.Loopback, certificate, behaviour);

    /// <summary>Reads one length-prefixed DNS message; null when the client closed first.</summary>
    public static async Task<byte[]?> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[2];
        if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < 2)
        {
            return null;
        }

        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return await stream.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < message.Length
            ? null
            : message;
    }

    /// <summary>Writes one length-prefixed DNS message.</summary>
    public static async Task WriteMessageAsync(Stream stream, byte[] message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes <paramref name="socket"/> with a TCP RST instead of a FIN.</summary>
    public static void Reset(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var network = new NetworkStream(client, ownsSocket: true);
        Stream stream = network;
        try
        {
            if (_certificate is not null)
            {
                var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token).ConfigureAwait(false);
            }

            await _behaviour(client, stream, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
