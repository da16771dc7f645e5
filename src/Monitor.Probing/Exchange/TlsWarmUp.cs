using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;

namespace Monitor.Probing.Exchange;

/// <summary>
/// Runs the TLS and HTTPS paths once against a TLS server on 127.0.0.1 inside this process, so the
/// first real probe does not pay for them inside its timed region (measured on loopback: the first
/// TLS handshake of a process took over a second, the first HTTPS exchange hundreds of
/// milliseconds). The server has a self-signed certificate made for the purpose and trusted as a
/// custom root, so the client's full check runs: chain, name, and the DNS over TLS exchange. The
/// HTTPS client connects, shakes hands (ALPN h2) and sends its request; the server then closes,
/// since an HTTP server of our own would be one written by hand. Best effort: a failure here
/// is ignored; cancellation propagates. Packets go to loopback only.
/// </summary>
internal static class TlsWarmUp
{
    private const string Name = "warm-up.monitor.invalid";
    private static readonly DnsQuestion Question = DnsQuestion.IdServer;

    /// <returns>True when the DNS over TLS exchange came back (the HTTPS exchange never does).</returns>
    public static async Task<bool> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var answered = false;
        using var certificate = CreateCertificate();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var server = (IPEndPoint)listener.LocalEndPoint!;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(10));
        var serving = ServeAsync(listener, certificate, stop.Token);
        try
        {
            var roots = new X509Certificate2Collection(certificate);
            var check = new CertificateCheck(Name, insecure: false, roots);
            var connection = await StreamConnection.OpenAsync(server, check, time, stop.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var query = DnsQueryWriter.Write(1, Question, false, true, true);
                var result = await connection.ExchangeAsync(query, 1, Question, stop.Token).ConfigureAwait(false);
                if (result.Response is { } response)
                {
                    _ = DnsResponseReader.Read(response);
                    answered = true;
                }
            }

            var url = new UriBuilder(Uri.UriSchemeHttps, Name, server.Port, "/dns-query").Uri;
            using var doh = new DohConnection(server, url, DohMethod.Post, null, new CertificateCheck(Name, insecure: false, roots), time);
            try
            {
                await doh.ExchangeAsync(DnsQueryWriter.Write(0, Question, false), 0, Question, stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
            {
                // Expected: the server closes after the handshake.
            }
        }
        catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
        {
            // Best effort: a probe that finds TLS broken will say so itself.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            listener.Close();
            try
            {
                await serving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        return answered;
    }

    private static async Task ServeAsync(Socket listener, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            var ssl = new SslStream(new NetworkStream(client, ownsSocket: true), leaveInnerStreamOpen: false);
            await using (ssl.ConfigureAwait(false))
            {
                try
                {
                    await ssl.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions
                        {
                            ServerCertificate = certificate,
                            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                        },
                        cancellationToken).ConfigureAwait(false);
                    if (ssl.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2)
                    {
                        continue; // close: see the class's remarks
                    }

                    // DNS over TLS: reflect the query as an empty response.
                    var prefix = new byte[2];
                    await ssl.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
                    var message = new byte[(prefix[0] << 8) | prefix[1]];
                    await ssl.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
                    message[2] |= 0x80;
                    await ssl.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
                    await ssl.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                    await ssl.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
                {
                }
            }
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + Name, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(Name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        // Through PKCS#12, so the key is one every TLS stack can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
