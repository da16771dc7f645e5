namespace Monitor.Core.Analysis.Watch;

/// <summary>A shift, or the start or end of an outage, in one (target, vantage point) series.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Since">For a shift, the new site's first answer; for an outage, its first unanswered probe.</param>
/// <param name="At">The probe that completed the event: the last of the persistence run, the outage's last counted loss, or the answer that ended it.</param>
/// <param name="From">The stable site before (null when none had persisted yet).</param>
/// <param name="To">For a shift the new site; for an outage's end the site that answered (null when it named none).</param>
/// <param name="Probes">For a shift the consecutive answers of the new site; for an outage the probes unanswered so far.</param>
public sealed record RouteWatchEvent(
    RouteWatchKind Kind,
    string TargetId,
    string VantageId,
    DateTimeOffset Since,
    DateTimeOffset At,
    string? From,
    string? To,
    int Probes);
