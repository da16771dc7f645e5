using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Latency;

/// <summary>
/// Latency: a row per series and site, a row per target over all vantage points, and providers
/// ranked over the vantage points that reached them all. Keeps the RTT pools per target and per
/// provider and vantage point, which the consistency and promise findings read too.
/// </summary>
/// <param name="provider">Target id to provider.</param>
/// <param name="warnings">Where an impossible ranking is reported.</param>
public sealed class LatencyAggregator(Func<string, string> provider, List<string> warnings) : ISeriesAggregator
{
    private readonly List<LatencyRow> _rows = [];
    private readonly Dictionary<string, LatencyPool> _byTarget = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Provider, string Vantage), LatencyPool> _byProviderVantage = [];

    /// <summary>RTT pools per provider and vantage point.</summary>
    public IReadOnlyDictionary<(string Provider, string Vantage), LatencyPool> ByProviderVantage => _byProviderVantage;

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return;
        }

        For(_byTarget, series.TargetId).Add(series.Count, series.RttMicroseconds);
        For(_byProviderVantage, (series.Provider, series.VantageId)).Add(series.Count, series.RttMicroseconds);
        if (series.Unattributed > 0)
        {
            // Nothing answered at all: the loss belongs to no site.
            _rows.Add(new LatencyRow(series.TargetId, series.Provider, series.VantageId, null, LatencySummary.From(series.Unattributed, [])));
        }

        foreach (var s in series.Sites)
        {
            _rows.Add(new LatencyRow(series.TargetId, series.Provider, series.VantageId, s.Code, s.Latency));
        }
    }

    /// <summary>Every RTT pool kept (per target, per provider and vantage point), e.g. to sort them all at once.</summary>
    public IEnumerable<LatencyPool> Pools => _byTarget.Values.Concat(_byProviderVantage.Values);

    /// <summary>Rows per target, vantage point and site.</summary>
    public IReadOnlyList<LatencyRow> Rows() =>
        [.. _rows.OrderBy(l => l.TargetId, StringComparer.Ordinal).ThenBy(l => l.VantageId, StringComparer.Ordinal).ThenBy(l => l.Site, StringComparer.Ordinal)];

    /// <summary>A row per target over all vantage points.</summary>
    public IReadOnlyList<LatencyRow> TargetRows() =>
        [.. _byTarget.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new LatencyRow(kv.Key, provider(kv.Key), null, null, kv.Value.Summary()))];

    /// <summary>The median RTT per provider over all its vantage points.</summary>
    public IReadOnlyDictionary<string, double?> P50ByProvider() =>
        _byProviderVantage.GroupBy(kv => kv.Key.Provider, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => LatencyPool.Median([.. g.Select(kv => kv.Value)]),
            StringComparer.Ordinal);

    /// <summary>Providers by p50, then loss, over the vantage points that got answers from every provider.</summary>
    public IReadOnlyList<ProviderRank> RankProviders()
    {
        var providers = _byProviderVantage.Keys.Select(k => k.Provider).Distinct(StringComparer.Ordinal).ToList();
        if (providers.Count == 0)
        {
            return [];
        }

        // Only vantage points that got answers from every provider make the comparison fair.
        var common = _byProviderVantage.Where(kv => kv.Value.Answered > 0).GroupBy(kv => kv.Key.Vantage, StringComparer.Ordinal)
            .Where(g => g.Count() == providers.Count).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (common.Count == 0)
        {
            warnings.Add("providers not ranked: no vantage point has answers from every provider");
            return [];
        }

        // Each provider's pools merged and summarised on its own core.
        var ranked = providers.AsParallel().Select(p => (Provider: p, Latency: LatencyPool.Summary(common.Select(v => _byProviderVantage[(p, v)]))))
            .OrderBy(x => x.Latency.P50Ms ?? double.MaxValue).ThenBy(x => x.Latency.LossPercent).ThenBy(x => x.Provider, StringComparer.Ordinal)
            .ToList();
        return [.. ranked.Select((x, i) => new ProviderRank(i + 1, x.Provider, common.Count, x.Latency))];
    }

    private static LatencyPool For<TKey>(Dictionary<TKey, LatencyPool> pools, TKey key)
        where TKey : notnull
    {
        if (!pools.TryGetValue(key, out var pool))
        {
            pool = new LatencyPool();
            pools[key] = pool;
        }

        return pool;
    }
}
