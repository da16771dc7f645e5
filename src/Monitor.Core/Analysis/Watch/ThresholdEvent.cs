namespace Monitor.Core.Analysis.Watch;

/// <summary>A threshold of one (target, vantage point) series that fired or resolved.</summary>
/// <param name="Kind">Loss or median RTT.</param>
/// <param name="Firing">True when it went above its limit; false when it came back under.</param>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Since">When it fired (for a resolve, the firing it ends).</param>
/// <param name="At">The probe that made the change.</param>
/// <param name="Value">The window's value then: a share of probes for loss, seconds for the median.</param>
/// <param name="Limit">The limit, in the same unit.</param>
/// <param name="Probes">Probes the value is over (answered ones for the median).</param>
public sealed record ThresholdEvent(
    ThresholdKind Kind,
    bool Firing,
    string TargetId,
    string VantageId,
    DateTimeOffset Since,
    DateTimeOffset At,
    double Value,
    double Limit,
    int Probes);
