using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Probing.Exchange;

/// <summary>Where and how one probe's queries travel; equal settings share a kept connection.</summary>
/// <param name="EndPoint">The address and port connected to.</param>
/// <param name="Transport">UDP, TCP, TLS or HTTPS.</param>
/// <param name="Mode">A fresh connection per probe, or one kept across probes.</param>
/// <param name="TlsName">For TLS and HTTPS: the SNI name and the name the certificate must carry.</param>
/// <param name="TlsInsecure">For TLS and HTTPS: accept any certificate.</param>
/// <param name="Url">For HTTPS: the DoH URL.</param>
/// <param name="Method">For HTTPS: POST or GET.</param>
/// <param name="HttpVersion">For HTTPS: the version required, or null for HTTP/2 with HTTP/1.1 accepted.</param>
internal sealed record TransportSettings(
    IPEndPoint EndPoint,
    Transport Transport,
    ConnectionMode Mode,
    string TlsName,
    bool TlsInsecure,
    Uri Url,
    DohMethod Method,
    Version? HttpVersion)
{
    /// <summary>The settings of <paramref name="target"/> when its queries go to <paramref name="endPoint"/>.</summary>
    public static TransportSettings For(Target target, IPEndPoint endPoint)
    {
        var host = endPoint.Address.ToString();
        var url = target.Url ?? new UriBuilder(Uri.UriSchemeHttps, host, endPoint.Port, "/dns-query").Uri;
        var tlsName = target.TlsName ?? (target.Url is { } given ? (given.HostNameType == UriHostNameType.IPv6 ? given.DnsSafeHost : given.IdnHost) : target.HostName ?? host);
        return new TransportSettings(endPoint, target.Transport, target.Connection, tlsName, target.TlsInsecure, url, target.DohMethod, target.HttpVersion);
    }
}
