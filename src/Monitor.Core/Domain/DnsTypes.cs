namespace Monitor.Core.Domain;

/// <summary>DNS TYPE values Monitor names in its own logic (RFC 1035 §3.2.2, RFC 6891).</summary>
public static class DnsTypes
{
    /// <summary>An IPv4 address.</summary>
    public const ushort A = 1;

    /// <summary>Start of a zone of authority; its serial tells which version of the zone a server serves (RFC 1035 §3.3.13).</summary>
    public const ushort SOA = 6;

    /// <summary>Text strings; the answer type of the identity queries.</summary>
    public const ushort TXT = 16;

    /// <summary>An IPv6 address.</summary>
    public const ushort AAAA = 28;

    /// <summary>The EDNS pseudo-record (RFC 6891).</summary>
    public const ushort OPT = 41;

    /// <summary>A DNSSEC signature (RFC 4034 §3).</summary>
    public const ushort RRSIG = 46;
}
