using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

using Monitor.Core.Domain;

namespace Monitor.Probing.Exchange;

/// <summary>
/// DNS over HTTPS (RFC 8484) through one <see cref="SocketsHttpHandler"/>: POST with an
/// <c>application/dns-message</c> body or GET with the <c>dns</c> parameter (base64url, no padding),
/// HTTP/2 or HTTP/1.1 as asked. The handler's connect callback always connects to the configured
/// address, so the URL's host is never looked up; it times the TCP connect, and the plaintext-stream
/// filter, which runs once TLS is up, ends the handshake's time. An exchange's RTT starts when the
/// request is sent, or when a connection the request had to open became ready, and ends when the
/// whole body is read. No proxy, no redirect, no cookie, no decompression. One exchange at a time:
/// the caller serialises them, so a connection opened during an exchange is that exchange's. The
/// handler names the TLS server after the request's Host, so a TLS name other than the URL's host
/// is sent as the Host header.
/// </summary>
internal sealed class DohConnection : IDisposable
{
    private const string DnsMessage = "application/dns-message";
    private const int MaxMessage = 65535;

    private readonly IPEndPoint _server;
    private readonly Uri _url;
    private readonly DohMethod _method;
    private readonly Version? _version;
    private readonly TimeProvider _time;
    private readonly CertificateCheck _tls;
    private readonly HttpClient _client;
    private long _connectStart;
    private long _connectEnd;
    private long _tlsEnd;

    public DohConnection(IPEndPoint server, Uri url, DohMethod method, Version? version, CertificateCheck tls, TimeProvider time)
    {
        _server = server;
        _url = url;
        _method = method;
        _version = version;
        _tls = tls;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            SslOptions = tls.Options(),
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = (context, _) =>
            {
                Volatile.Write(ref _tlsEnd, _time.GetTimestamp());
                return ValueTask.FromResult(context.PlaintextStream);
            },
        };

        // The timeout is the caller's token; HttpClient's own would report it as another exception.
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The certificate check of this client's connections.</summary>
    public CertificateCheck Check => _tls;

    /// <summary>Connections opened so far.</summary>
    public int Opened { get; private set; }

    /// <summary>Sends <paramref name="query"/> (its ID should be 0, RFC 8484 §4.1) and reads the response.</summary>
    /// <exception cref="HttpRequestException">The connection, TLS or HTTP failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ExchangeResult> ExchangeAsync(byte[] query, ushort id, DnsQuestion question, CancellationToken cancellationToken)
    {
        using var request = Request(query);
        var openedBefore = Opened;
        var start = _time.GetTimestamp();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var opened = Opened != openedBefore;
        TimeSpan? connectTime = opened ? _time.GetElapsedTime(_connectStart, _connectEnd) : null;
        TimeSpan? tlsTime = opened ? _time.GetElapsedTime(_connectEnd, _tlsEnd) : null;
        var result = await ReadAsync(response, opened ? _tlsEnd : start, id, question, cancellationToken).ConfigureAwait(false);
        return result with { ConnectTime = connectTime, TlsTime = tlsTime, HttpVersion = response.Version };
    }

    public void Dispose() => _client.Dispose();

    private async Task<ExchangeResult> ReadAsync(HttpResponseMessage response, long start, ushort id, DnsQuestion question, CancellationToken cancellationToken)
    {
        var none = default(DiscardCounts);
        if (!response.IsSuccessStatusCode)
        {
            return new ExchangeResult(ExchangeStatus.NetworkError, null, null, none, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }

        if (response.Content.Headers.ContentLength is > MaxMessage)
        {
            return new ExchangeResult(ExchangeStatus.Malformed, null, _time.GetElapsedTime(start), none, $"HTTP body of {response.Content.Headers.ContentLength} octets is larger than a DNS message");
        }

        var body = new byte[MaxMessage + 1];
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var length = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var rtt = _time.GetElapsedTime(start);
            if (length > MaxMessage)
            {
                return new ExchangeResult(ExchangeStatus.Malformed, null, rtt, none, "HTTP body is larger than a DNS message");
            }

            var type = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(type, DnsMessage, StringComparison.OrdinalIgnoreCase))
            {
                return new ExchangeResult(ExchangeStatus.Malformed, null, rtt, none, $"HTTP body is '{type ?? "untyped"}', not {DnsMessage}");
            }

            var message = body.AsSpan(0, length).ToArray();
            var discarded = none;
            return DnsExchange.Classify(message, id, question, ref discarded)
                ? new ExchangeResult(ExchangeStatus.Response, message, rtt, none, null, RttSource.UserSpace)
                : new ExchangeResult(ExchangeStatus.Malformed, null, rtt, none, discarded.Unreadable > 0
                    ? $"HTTP body of {length} octets is not a DNS message"
                    : "HTTP body is a DNS message that does not answer the query");
        }
    }

    private HttpRequestMessage Request(byte[] query)
    {
        HttpRequestMessage request;
        if (_method == DohMethod.Get)
        {
            // RFC 8484 §4.1.1: base64url without padding (RFC 4648 §5).
            var separator = string.IsNullOrEmpty(_url.Query) ? "?" : "&";
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(_url.AbsoluteUri + separator + "dns=" + Base64Url.EncodeToString(query)));
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(query) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(DnsMessage);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(DnsMessage));

        // The handler takes SNI and the certificate's name from the Host header, else the URL: a TLS
        // name other than the URL's host goes into Host (and so also names the virtual host asked).
        if (!string.Equals(_tls.TargetHost, _url.DnsSafeHost, StringComparison.OrdinalIgnoreCase))
        {
            var host = IPAddress.TryParse(_tls.TargetHost, out var literal) && literal.AddressFamily == AddressFamily.InterNetworkV6
                ? $"[{_tls.TargetHost}]"
                : _tls.TargetHost;
            request.Headers.Host = _url.IsDefaultPort ? host : $"{host}:{_url.Port}";
        }
        request.Version = _version ?? System.Net.HttpVersion.Version20;
        request.VersionPolicy = _version is null ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact;
        return request;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(_server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            _connectStart = _time.GetTimestamp();
            await socket.ConnectAsync(_server, cancellationToken).ConfigureAwait(false);
            _connectEnd = _time.GetTimestamp();
            Opened++;
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
