namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// The rules of the route-change classifier. Defaults: a shift needs 3 consecutive answers from the
/// new site; an outage 3 consecutive probes without an answer; flapping is at least 4 changes of
/// site within 10 consecutive answers where the two most seen sites each hold at least 20 %.
/// </summary>
public sealed record RouteOptions
{
    /// <summary>Consecutive answers from a new site that make a shift.</summary>
    public int Persistence { get; init; } = 3;

    /// <summary>Consecutive unanswered probes that make an outage.</summary>
    public int OutageProbes { get; init; } = 3;

    /// <summary>Answers looked at together to detect flapping.</summary>
    public int FlapWindow { get; init; } = 10;

    /// <summary>Changes of site within <see cref="FlapWindow"/> that make flapping.</summary>
    public int FlapChanges { get; init; } = 4;

    /// <summary>Share of the window each of the two main sites must hold.</summary>
    public double FlapMinShare { get; init; } = 0.2;

    /// <summary>Answers on each side of a change whose median RTT is reported.</summary>
    public int RttContext { get; init; } = 10;

    /// <summary>Shifts of one target closer than this join one event.</summary>
    public TimeSpan EventGap { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Vantage points a group of shifts needs to be an event.</summary>
    public int EventMinVantages { get; init; } = 2;

    /// <summary>Lost probes (regular and burst) between two good answers from the same site that make a failover (from another site, one is enough); one lost packet is not one.</summary>
    public int FailoverMinLost { get; init; } = 2;

    /// <summary>How long a site may serve an older SOA serial than the newest seen before it is flagged as lagging (10 minutes).</summary>
    public TimeSpan SoaLagThreshold { get; init; } = Zones.SoaLagDetector.DefaultThreshold;
}
