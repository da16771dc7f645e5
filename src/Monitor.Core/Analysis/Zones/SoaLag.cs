namespace Monitor.Core.Analysis.Zones;

/// <summary>
/// A site that served an older SOA serial than the newest one seen at its target for longer than
/// the threshold.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="Site">The lagging site.</param>
/// <param name="Since">When a newer serial than the site's was first seen at the target.</param>
/// <param name="Cleared">The site's first answer with the newest serial after that; null while it still lags.</param>
/// <param name="Serial">The older serial the site served last.</param>
/// <param name="Newest">The newest serial seen at the target while the site lagged.</param>
/// <param name="Behind">The most serial steps the site was behind (RFC 1982 distance).</param>
/// <param name="Duration">How long it lagged: to <paramref name="Cleared"/>, or to its last answer still behind.</param>
public sealed record SoaLag(string TargetId, string Site, DateTimeOffset Since, DateTimeOffset? Cleared, uint Serial, uint Newest, long Behind, TimeSpan Duration);
