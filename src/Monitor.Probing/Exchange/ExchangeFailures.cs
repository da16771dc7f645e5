using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitor.Probing.Exchange;

/// <summary>
/// Turns the exceptions of a failed exchange into its outcome: the timeout's cancellation is a
/// timeout, a socket, stream or TLS failure is a network error. The caller's own cancellation is no
/// outcome: it propagates.
/// </summary>
internal static class ExchangeFailures
{
    /// <summary>True when <paramref name="exception"/> is a network outcome (and not the caller's cancellation).</summary>
    public static bool IsOutcome(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        SocketException or IOException or AuthenticationException or ObjectDisposedException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>The outcome of <paramref name="exception"/>, which <see cref="IsOutcome"/> accepted.</summary>
    public static ExchangeResult ToResult(Exception exception, DiscardCounts discarded, CertificateCheck? tls = null) => exception switch
    {
        OperationCanceledException => new ExchangeResult(ExchangeStatus.Timeout, null, null, discarded, null),
        _ => new ExchangeResult(ExchangeStatus.NetworkError, null, null, discarded, Describe(exception, tls)),
    };

    /// <summary>A one-line reason.</summary>
    public static string Describe(Exception exception, CertificateCheck? tls = null) => exception switch
    {
        SocketException socket => Describe(socket),
        AuthenticationException auth when tls is not null => tls.Describe(auth),
        AuthenticationException auth => "TLS handshake failed: " + auth.Message,
        IOException { InnerException: SocketException socket } => Describe(socket),
        IOException { InnerException: AuthenticationException auth } => tls?.Describe(auth) ?? "TLS handshake failed: " + auth.Message,
        HttpRequestException { InnerException: { } inner } => Describe(inner, tls),
        HttpRequestException http => "HTTP request failed: " + http.Message,
        IOException io => "connection broken: " + io.Message,
        ObjectDisposedException => "connection closed",
        _ => exception.Message,
    };

    /// <summary>A one-line reason for a socket error.</summary>
    public static string Describe(SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "refused (ICMP port unreachable or TCP RST)",
        SocketError.ConnectionReset => "connection reset",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.AddressNotAvailable => "address not available",
        _ => exception.SocketErrorCode.ToString(),
    };
}
