namespace Monitor.Core.Domain;

/// <summary>Ways of asking a DNS server which node answered.</summary>
[Flags]
public enum IdentityMethods
{
    /// <summary>Do not ask.</summary>
    None = 0,

    /// <summary>The EDNS Name Server Identifier option (RFC 5001), carried by the main query.</summary>
    Nsid = 1,

    /// <summary>A CHAOS-class TXT query for <c>id.server</c> (RFC 4892).</summary>
    IdServer = 2,

    /// <summary>A CHAOS-class TXT query for <c>hostname.bind</c> (RFC 4892, BIND's older name).</summary>
    HostnameBind = 4,
}
