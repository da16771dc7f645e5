namespace Monitor.Probing.Wire;

/// <summary>EDNS option codes Monitor reads or writes (IANA "DNS EDNS0 Option Codes").</summary>
public static class EdnsOptionCodes
{
    /// <summary>Name Server Identifier (RFC 5001 §2.3).</summary>
    public const ushort Nsid = 3;
}
