using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

using Monitor.Core.Domain;

namespace Monitor.Probing.Exchange;

/// <summary>
/// One TCP connection, or one TLS session over TCP (DNS over TLS, RFC 7858 §3.3), carrying DNS
/// messages with the two-octet length prefix of RFC 1035 §4.2.2. Opening it times the TCP connect
/// and the TLS handshake apart; an exchange is timed from the write of the query to the read of the
/// whole response. Responses that do not answer the query are discarded and counted, and the read
/// goes on. One exchange at a time: the caller serialises them. Network failures surface as the
/// exceptions of <see cref="Socket"/> and <see cref="SslStream"/>; <see cref="ExchangeFailures"/> turns them into values.
/// </summary>
internal sealed class StreamConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly byte[] _lengthPrefix = new byte[2];

    private StreamConnection(Socket socket, Stream stream, TimeProvider time, TimeSpan connectTime, TimeSpan? tlsTime)
    {
        _socket = socket;
        _stream = stream;
        _time = time;
        ConnectTime = connectTime;
        TlsTime = tlsTime;
    }

    /// <summary>How long the TCP connect took.</summary>
    public TimeSpan ConnectTime { get; }

    /// <summary>How long the TLS handshake took; null for plain TCP.</summary>
    public TimeSpan? TlsTime { get; }

    /// <summary>Packets of the last exchange that were not its response, also when it ended in an exception.</summary>
    public DiscardCounts Discarded { get; private set; }

    /// <summary>Whether the last exchange read any octet of a response before it ended.</summary>
    public bool ReadAny { get; private set; }

    /// <summary>How many exchanges this connection has carried.</summary>
    public int Exchanges { get; private set; }

    /// <summary>
    /// True when the peer has closed the connection: the socket is readable with nothing to read.
    /// (Data waiting, such as a TLS 1.3 session ticket, is not a close; a close that follows it shows
    /// in the next exchange.)
    /// </summary>
    public bool LooksClosed
    {
        get
        {
            try
            {
                return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <summary>Connects to <paramref name="server"/> and, with <paramref name="tls"/>, runs the TLS handshake.</summary>
    /// <exception cref="SocketException">The connect failed.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake or the certificate failed.</exception>
    /// <exception cref="IOException">The connection broke during the handshake.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<StreamConnection> OpenAsync(IPEndPoint server, CertificateCheck? tls, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            var start = time.GetTimestamp();
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            var connected = time.GetTimestamp();
            stream = new NetworkStream(socket, ownsSocket: true);
            TimeSpan? tlsTime = null;
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls.Options(), cancellationToken).ConfigureAwait(false);
                tlsTime = time.GetElapsedTime(connected);
            }

            return new StreamConnection(socket, stream, time, time.GetElapsedTime(start, connected), tlsTime);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends <paramref name="query"/> and reads until its response; a close before it is a network error.</summary>
    /// <param name="query">The query octets.</param>
    /// <param name="id">The query's message ID.</param>
    /// <param name="question">The query's question.</param>
    /// <param name="cancellationToken">The caller's token linked with the timeout.</param>
    public async Task<ExchangeResult> ExchangeAsync(byte[] query, ushort id, DnsQuestion question, CancellationToken cancellationToken)
    {
        Exchanges++;
        Discarded = default;
        ReadAny = false;

        // One write, so the length and the message leave in one segment (one TLS record), RFC 7766 §8.
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);

        var start = _time.GetTimestamp();
        await _stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await _stream.ReadAtLeastAsync(_lengthPrefix, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            ReadAny |= read > 0;
            if (read < 2)
            {
                return Closed(read == 0 ? "connection closed before a response" : "connection closed inside a response");
            }

            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(_lengthPrefix)];
            if (await _stream.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < message.Length)
            {
                return Closed("connection closed inside a response");
            }

            // A stream has no datagram to stamp (a response may span segments): user-space timing.
            var end = _time.GetTimestamp();
            var discarded = Discarded;
            var matches = DnsExchange.Classify(message, id, question, ref discarded);
            Discarded = discarded;
            if (matches)
            {
                return new ExchangeResult(ExchangeStatus.Response, message, _time.GetElapsedTime(start, end), Discarded, null, RttSource.UserSpace);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private ExchangeResult Closed(string reason) => new(ExchangeStatus.NetworkError, null, null, Discarded, reason);
}
