using Monitor.Core.Analysis.Latency;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Regional consistency: per provider, the median RTT per continent and per country of the vantage
/// points, and the spread across regions. Vantage points without a country belong to no region.
/// </summary>
public static class Consistency
{
    /// <summary>The continent level.</summary>
    public const string Continent = "continent";

    /// <summary>The country level.</summary>
    public const string Country = "country";

    /// <summary>Computes regional medians and spreads.</summary>
    /// <param name="rtts">Answer RTTs (ms) per provider and vantage point, regular probes only.</param>
    /// <param name="vantages">Vantage points by id, for their country.</param>
    /// <param name="continentOf">Country code to continent code, null when unknown.</param>
    public static (IReadOnlyList<RegionalLatency> Regions, IReadOnlyList<ConsistencySpread> Spreads) Compute(
        IReadOnlyDictionary<(string Provider, string Vantage), IReadOnlyList<double>> rtts,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        Func<string?, string?> continentOf)
    {
        ArgumentNullException.ThrowIfNull(rtts);
        return Compute(rtts, r => r.Count == 0, pooled => Percentiles.OfSorted([.. pooled.SelectMany(r => r).Order()], 0.5), vantages, continentOf);
    }

    /// <summary>Computes regional medians and spreads from pools of whole microseconds (the analysis' form).</summary>
    /// <param name="pools">Answer RTTs per provider and vantage point, regular probes only.</param>
    /// <param name="vantages">Vantage points by id, for their country.</param>
    /// <param name="continentOf">Country code to continent code, null when unknown.</param>
    public static (IReadOnlyList<RegionalLatency> Regions, IReadOnlyList<ConsistencySpread> Spreads) Compute(
        IReadOnlyDictionary<(string Provider, string Vantage), LatencyPool> pools,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        Func<string?, string?> continentOf) =>
        Compute(pools, p => p.Answered == 0, pooled => LatencyPool.Median(pooled)!.Value, vantages, continentOf);

    private static (IReadOnlyList<RegionalLatency> Regions, IReadOnlyList<ConsistencySpread> Spreads) Compute<T>(
        IReadOnlyDictionary<(string Provider, string Vantage), T> rtts,
        Func<T, bool> empty,
        Func<List<T>, double> median,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        Func<string?, string?> continentOf)
    {
        ArgumentNullException.ThrowIfNull(rtts);
        ArgumentNullException.ThrowIfNull(vantages);
        ArgumentNullException.ThrowIfNull(continentOf);
        var regions = new List<RegionalLatency>();
        foreach (var level in new[] { Continent, Country })
        {
            var pooled = new Dictionary<(string Provider, string Region), List<T>>();
            foreach (var ((provider, vantage), samples) in rtts)
            {
                if (empty(samples) || !vantages.TryGetValue(vantage, out var vp) || string.IsNullOrEmpty(vp.Country))
                {
                    continue;
                }

                var region = level == Country ? vp.Country.ToUpperInvariant() : continentOf(vp.Country);
                if (region is null)
                {
                    continue;
                }

                if (!pooled.TryGetValue((provider, region), out var list))
                {
                    list = [];
                    pooled[(provider, region)] = list;
                }

                list.Add(samples);
            }

            foreach (var ((provider, region), list) in pooled)
            {
                regions.Add(new RegionalLatency(provider, level, region, list.Count, median(list)));
            }
        }

        regions.Sort((a, b) => (a.Provider, a.Level, a.Region).CompareTo((b.Provider, b.Level, b.Region)));
        return (regions, Spread(regions));
    }

    /// <summary>The spread of each provider's regional medians, ranked per level.</summary>
    public static IReadOnlyList<ConsistencySpread> Spread(IReadOnlyList<RegionalLatency> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var spreads = new List<ConsistencySpread>();
        foreach (var byLevel in regions.GroupBy(r => r.Level, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var unranked = byLevel.GroupBy(r => r.Provider, StringComparer.Ordinal).Select(g =>
            {
                var best = g.OrderBy(r => r.P50Ms).ThenBy(r => r.Region, StringComparer.Ordinal).First();
                var worst = g.OrderByDescending(r => r.P50Ms).ThenBy(r => r.Region, StringComparer.Ordinal).First();
                var medians = g.Select(r => r.P50Ms).ToList();
                var mean = medians.Average();
                var sd = Math.Sqrt(medians.Sum(m => (m - mean) * (m - mean)) / medians.Count);
                return new ConsistencySpread(
                    g.Key,
                    byLevel.Key,
                    medians.Count,
                    best.Region,
                    best.P50Ms,
                    worst.Region,
                    worst.P50Ms,
                    best.P50Ms > 0 ? worst.P50Ms / best.P50Ms : null,
                    mean > 0 ? sd / mean : null,
                    0);
            })
            .OrderBy(s => s.Ratio ?? double.MaxValue).ThenBy(s => s.Cv ?? double.MaxValue).ThenBy(s => s.Provider, StringComparer.Ordinal)
            .ToList();
            spreads.AddRange(unranked.Select((s, i) => s with { Rank = i + 1 }));
        }

        return spreads;
    }
}
