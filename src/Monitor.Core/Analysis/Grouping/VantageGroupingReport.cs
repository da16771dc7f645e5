namespace Monitor.Core.Analysis.Grouping;

/// <summary>The grouped tables of an analysis run with a grouping other than per vantage point.</summary>
/// <param name="Grouping">The grouping.</param>
/// <param name="Latency">Latency per target and group.</param>
/// <param name="Catchment">Dominant sites per target and group.</param>
/// <param name="Unknown">Vantage points that fell in <see cref="VantageGroups.Unknown"/> (no country, no AS).</param>
public sealed record VantageGroupingReport(VantageGrouping Grouping, IReadOnlyList<GroupedLatency> Latency, IReadOnlyList<GroupedCatchment> Catchment, IReadOnlyList<string> Unknown);
