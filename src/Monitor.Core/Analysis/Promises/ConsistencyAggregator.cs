using Monitor.Core.Analysis.Latency;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Consistency: each provider's median RTT per continent and country, and how far apart its best and
/// worst regions are. Reads the latency finding's pools per provider and vantage point (kept once).
/// </summary>
/// <param name="latency">The latency finding, whose pools this reads.</param>
/// <param name="vantages">Vantage points by id, for their country.</param>
public sealed class ConsistencyAggregator(LatencyAggregator latency, IReadOnlyDictionary<string, VantagePoint> vantages) : ISeriesAggregator
{
    /// <inheritdoc />
    /// <remarks>Nothing of its own per series: the RTT pools are the latency finding's.</remarks>
    public void Add(SeriesView series)
    {
    }

    /// <summary>Regional medians and spreads.</summary>
    public (IReadOnlyList<RegionalLatency> Regions, IReadOnlyList<ConsistencySpread> Spreads) Compute() =>
        Consistency.Compute(
            latency.ByProviderVantage,
            vantages,
            Continents.Default.Of);
}
