namespace Monitor.Core.Analysis;

/// <summary>
/// A provider's place when providers are compared over the same vantage points and window: only
/// vantage points with answers from every provider count, ranked by median RTT, then loss.
/// </summary>
/// <param name="Rank">1 is fastest.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Vantages">Vantage points compared (the same for every provider).</param>
/// <param name="Latency">Pooled over those vantage points.</param>
public sealed record ProviderRank(int Rank, string Provider, int Vantages, LatencySummary Latency);
