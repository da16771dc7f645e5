namespace Monitor.Core.Analysis;

/// <summary>Latency of one target from one vantage point via one site (null parts mean "all").</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Provider">The target's provider.</param>
/// <param name="VantageId">The vantage point, or null for all.</param>
/// <param name="Site">The site, or null for all. Unanswered probes count against the site last seen.</param>
/// <param name="Latency">Statistics over the answered probes and the loss.</param>
public sealed record LatencyRow(string TargetId, string Provider, string? VantageId, string? Site, LatencySummary Latency);
