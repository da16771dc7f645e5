using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>A probe sent to one site's own address (path inflation), as the series view keeps it.</summary>
/// <param name="SiteId">The site probed (<see cref="Measurement.SiteId"/>), or null when not recorded.</param>
/// <param name="IsGood">Answered with NOERROR, NXDOMAIN or no rcode (<see cref="Promises.FailoverDetector.IsGood"/>).</param>
/// <param name="RttMs">The RTT, or null.</param>
/// <param name="Identity">The identity the answer carried.</param>
public readonly record struct SiteProbe(string? SiteId, bool IsGood, double? RttMs, ObservedIdentity Identity);
