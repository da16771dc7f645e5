using System.Net;

namespace Monitor.Probing;

/// <summary>What a <see cref="HostNameResolver"/> gave for a host name: the address to use, and whether it changed.</summary>
/// <param name="HostName">The name.</param>
/// <param name="Address">The address to probe; null when the name has never resolved.</param>
/// <param name="Previous">The address used before, when this resolution changed it; otherwise null.</param>
/// <param name="ResolvedAt">When the name was last looked up successfully (UTC); null when never.</param>
/// <param name="Error">Why the last lookup failed, when it did (the last good address, if any, is still used).</param>
public sealed record HostNameResolution(string HostName, IPAddress? Address, IPAddress? Previous, DateTimeOffset? ResolvedAt, string? Error)
{
    /// <summary>True when this resolution moved the name to another address.</summary>
    public bool Changed => Previous is not null && Address is not null && !Previous.Equals(Address);
}
