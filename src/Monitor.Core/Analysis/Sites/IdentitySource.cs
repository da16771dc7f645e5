namespace Monitor.Core.Analysis.Sites;

/// <summary>Which identity method a <see cref="SiteRule"/> applies to.</summary>
public enum IdentitySource
{
    /// <summary>Every method.</summary>
    Any,

    /// <summary>The EDNS Name Server Identifier option (RFC 5001).</summary>
    Nsid,

    /// <summary>The CHAOS TXT <c>id.server</c> answer (RFC 4892).</summary>
    IdServer,

    /// <summary>The CHAOS TXT <c>hostname.bind</c> answer (RFC 4892).</summary>
    HostnameBind,
}
