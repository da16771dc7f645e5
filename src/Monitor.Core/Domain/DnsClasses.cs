namespace Monitor.Core.Domain;

/// <summary>DNS CLASS values Monitor names in its own logic (RFC 1035 §3.2.4).</summary>
public static class DnsClasses
{
    /// <summary>The Internet class.</summary>
    public const ushort IN = 1;

    /// <summary>The CHAOS class, used by the identity queries of RFC 4892.</summary>
    public const ushort CH = 3;
}
