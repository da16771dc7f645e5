namespace Monitor.Core.Domain;

/// <summary>The transport a probe uses. There is never a silent fallback from one to another.</summary>
public enum Transport
{
    /// <summary>DNS over UDP (RFC 1035 §4.2.1).</summary>
    Udp,

    /// <summary>DNS over TCP with a two-byte length prefix (RFC 1035 §4.2.2, RFC 7766).</summary>
    Tcp,

    /// <summary>DNS over TLS (DoT, RFC 7858): TCP framing inside a TLS session, port 853 by default.</summary>
    Tls,

    /// <summary>DNS over HTTPS (DoH, RFC 8484): one message per HTTP exchange, HTTP/2 or HTTP/1.1, port 443 by default.</summary>
    Https,
}
