namespace Monitor.Core.Analysis.Grouping;

/// <summary>Latency of one target over a group of vantage points, their RTTs pooled.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Group">The group: a country code, continent code, <c>AS3333</c>, a vantage point id, or <see cref="VantageGroups.Unknown"/>.</param>
/// <param name="Vantages">Vantage points in the group.</param>
/// <param name="Latency">The pooled summary.</param>
public sealed record GroupedLatency(string TargetId, string Provider, string Group, int Vantages, LatencySummary Latency);
