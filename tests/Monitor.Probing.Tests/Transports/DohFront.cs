using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>
/// A DNS over HTTPS server inside the test process on 127.0.0.1 and ::1: ASP.NET Core's Kestrel
/// (a real HTTP/1.1 and HTTP/2 stack with TLS and ALPN) with a test certificate, either passing each
/// query on to a real DNS server over UDP on loopback (Unbound's own DoH speaks HTTP/2 only) or
/// answering with whatever a test's handler writes (HTTP 500, a body that is not DNS, silence).
/// </summary>
public sealed class DohFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _protocols = new();

    private DohFront(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port, on 127.0.0.1 and ::1.</summary>
    public int Port { get; }

    /// <summary>The HTTP protocol of every request received, in order (<c>HTTP/1.1</c>, <c>HTTP/2</c>).</summary>
    public IReadOnlyCollection<string> Protocols => _protocols;

    /// <summary>The DoH URL at <paramref name="address"/>.</summary>
    public Uri Url(IPAddress address) => new UriBuilder(Uri.UriSchemeHttps, address.ToString(), Port, "/dns-query").Uri;

    /// <summary>A front passing every query (POST body or GET <c>dns</c>) to <paramref name="dnsServer"/> over UDP.</summary>
    public static Task<DohFront> ForwardingAsync(X509Certificate2 certificate, IPEndPoint dnsServer) =>
        StartAsync(certificate, context => ForwardAsync(context, dnsServer));

    /// <summary>A front answering every request with <paramref name="handler"/>.</summary>
    public static async Task<DohFront> StartAsync(X509Certificate2 certificate, Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(handler);
        for (var attempt = 0; ; attempt++)
        {
            var port = NsdServer.FreePort();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
                {
                    kestrel.Listen(address, port, listen =>
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(certificate);
                    });
                }
            });
            var app = builder.Build();
            DohFront? front = null;
            app.Run(async context =>
            {
                front?._protocols.Enqueue(context.Request.Protocol);
                await handler(context).ConfigureAwait(false);
            });
            try
            {
                await app.StartAsync().ConfigureAwait(false);
                front = new DohFront(app, port);
                return front;
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The DNS message of a DoH request: the POST body, or the GET <c>dns</c> parameter decoded.</summary>
    public static async Task<byte[]?> ReadQueryAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method))
        {
            var dns = context.Request.Query["dns"].ToString();
            return dns.Length == 0 || dns.Contains('=', StringComparison.Ordinal) ? null : Base64Url.DecodeFromChars(dns);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        return body.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ForwardAsync(HttpContext context, IPEndPoint dnsServer)
    {
        var query = await ReadQueryAsync(context).ConfigureAwait(false);
        if (query is null || !string.Equals(context.Request.Path, "/dns-query", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var udp = new Socket(dnsServer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await udp.SendToAsync(query, SocketFlags.None, dnsServer, timeout.Token).ConfigureAwait(false);
        var buffer = new byte[65535];
        var received = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(dnsServer.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), timeout.Token).ConfigureAwait(false);
        context.Response.ContentType = "application/dns-message";
        await context.Response.Body.WriteAsync(buffer.AsMemory(0, received.ReceivedBytes), context.RequestAborted).ConfigureAwait(false);
    }
}
