namespace Monitor.Core.Domain;

/// <summary>The well-known port of each transport, for targets that name none.</summary>
public static class TransportPorts
{
    /// <summary>53 for UDP and TCP (RFC 1035), 853 for TLS (RFC 7858 §3.1), 443 for HTTPS (RFC 8484 §3).</summary>
    public static int Default(Transport transport) => transport switch
    {
        Transport.Tls => 853,
        Transport.Https => 443,
        _ => 53,
    };
}
