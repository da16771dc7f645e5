namespace Monitor.Core.Domain;

/// <summary>The transport a probe uses. There is never a silent fallback from one to the other.</summary>
public enum Transport
{
    /// <summary>DNS over UDP (RFC 1035 §4.2.1).</summary>
    Udp,

    /// <summary>DNS over TCP with a two-byte length prefix (RFC 1035 §4.2.2, RFC 7766).</summary>
    Tcp,
}
