namespace Monitor.Core.Analysis.Routing;

/// <summary>A change in the series of sites one vantage point reaches for one target.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Kind">Shift, flapping, outage or transient.</param>
/// <param name="At">
/// When it happened: for a shift, the midpoint between the last answer from the old site and the
/// first from the new; for the others, their first sample.
/// </param>
/// <param name="LastOld">The last sample from the old site (shift, transient, outage).</param>
/// <param name="FirstNew">The first sample of the new state.</param>
/// <param name="End">The last sample of the new state (flapping, outage, transient).</param>
/// <param name="From">The site before (for flapping: the most seen of the mix).</param>
/// <param name="To">The site after (for flapping: the second of the mix).</param>
/// <param name="RttBeforeMs">Median RTT of up to <see cref="RouteOptions.RttContext"/> answers before.</param>
/// <param name="RttAfterMs">Median RTT of up to <see cref="RouteOptions.RttContext"/> answers after.</param>
/// <param name="Samples">Samples in the new state (the outage's lost probes, the episode's answers).</param>
public sealed record RouteChange(
    string TargetId,
    string VantageId,
    RouteChangeKind Kind,
    DateTimeOffset At,
    DateTimeOffset? LastOld,
    DateTimeOffset? FirstNew,
    DateTimeOffset? End,
    string? From,
    string? To,
    double? RttBeforeMs,
    double? RttAfterMs,
    int Samples);
