using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>How many rows of a series-hour carried one identity set (the site is derived from it at analysis time).</summary>
/// <param name="Identity">The identities the rows observed (<see cref="ObservedIdentity.None"/> for none, as unanswered rows).</param>
/// <param name="SiteId">The site the rows were given when measured (site probes), if any.</param>
/// <param name="Count">Rows.</param>
public sealed record IdentityCount(ObservedIdentity Identity, string? SiteId, long Count);
