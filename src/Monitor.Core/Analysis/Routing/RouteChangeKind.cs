namespace Monitor.Core.Analysis.Routing;

/// <summary>What a change in a vantage point's series of sites is.</summary>
public enum RouteChangeKind
{
    /// <summary>A new site that persisted (see <see cref="RouteOptions.Persistence"/>).</summary>
    Shift,

    /// <summary>Alternation between sites with a stable mix, e.g. per-query load balancing.</summary>
    Flapping,

    /// <summary>Consecutive probes without an answer.</summary>
    Outage,

    /// <summary>An odd site for fewer samples than the persistence rule asks, then back.</summary>
    Transient,
}
