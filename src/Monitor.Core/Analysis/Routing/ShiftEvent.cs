namespace Monitor.Core.Analysis.Routing;

/// <summary>Shifts of several vantage points for one target, close in time: one routing event.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Start">The first shift's time.</param>
/// <param name="End">The last shift's time.</param>
/// <param name="Vantages">The vantage points that shifted.</param>
/// <param name="From">The site most of them left.</param>
/// <param name="To">The site most of them moved to.</param>
/// <param name="MedianRttChangeMs">Median over the shifts of (RTT after − RTT before), or null.</param>
/// <param name="Shifts">The shifts.</param>
public sealed record ShiftEvent(
    string TargetId,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Vantages,
    string From,
    string To,
    double? MedianRttChangeMs,
    IReadOnlyList<RouteChange> Shifts);
