namespace Monitor.Core.Analysis.Watch;

/// <summary>What a <see cref="RouteWatch"/> saw complete.</summary>
public enum RouteWatchKind
{
    /// <summary>A new site persisted: the route shifted.</summary>
    Shift,

    /// <summary>Enough consecutive probes went unanswered to be an outage.</summary>
    OutageStarted,

    /// <summary>An answer came after an outage.</summary>
    OutageEnded,
}
