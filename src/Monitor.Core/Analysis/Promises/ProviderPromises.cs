namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// The four anycast promises of one provider side by side: speed (median RTT), consistency (the worst
/// region's median), failover (gap median and maximum) and nearness (share of vantage points on their
/// nearest site), with the steering its targets showed.
/// </summary>
/// <param name="Provider">The provider.</param>
/// <param name="P50Ms">Median RTT over all its regular answers, ms; null without answers.</param>
/// <param name="WorstRegion">The region with the highest median (continent level, else country), or null.</param>
/// <param name="WorstRegionP50Ms">That region's median, ms.</param>
/// <param name="Failovers">Failovers seen (answers back from another site; outages are in <see cref="Outages"/>).</param>
/// <param name="FailoverMedianMs">Median failover gap, ms; null without failovers.</param>
/// <param name="FailoverMaxMs">Longest failover gap, ms; null without failovers.</param>
/// <param name="NearestShare">Share of vantage points on their nearest site, over targets with per-site addresses; null when none has.</param>
/// <param name="Steering">The steering its targets showed together.</param>
public sealed record ProviderPromises(
    string Provider,
    double? P50Ms,
    string? WorstRegion,
    double? WorstRegionP50Ms,
    int Failovers,
    double? FailoverMedianMs,
    double? FailoverMaxMs,
    double? NearestShare,
    SteeringKind Steering)
{
    /// <summary>Outages seen: gaps after which the same site answered again.</summary>
    public int Outages { get; init; }

    /// <summary>Puts the promises of every provider together from the parts of an analysis.</summary>
    /// <param name="p50ByProvider">Median RTT per provider.</param>
    /// <param name="spreads">Consistency spreads.</param>
    /// <param name="failovers">Failovers.</param>
    /// <param name="inflation">Path inflation rows.</param>
    /// <param name="steering">Steering per target.</param>
    /// <param name="providerOf">Target id to provider.</param>
    /// <param name="outages">Outages (gaps back on the same site), counted per provider; none when null.</param>
    public static IReadOnlyList<ProviderPromises> From(
        IReadOnlyDictionary<string, double?> p50ByProvider,
        IReadOnlyList<ConsistencySpread> spreads,
        IReadOnlyList<Failover> failovers,
        IReadOnlyList<PathInflation> inflation,
        IReadOnlyList<TargetSteering> steering,
        Func<string, string> providerOf,
        IReadOnlyList<Failover>? outages = null)
    {
        ArgumentNullException.ThrowIfNull(p50ByProvider);
        ArgumentNullException.ThrowIfNull(spreads);
        ArgumentNullException.ThrowIfNull(failovers);
        ArgumentNullException.ThrowIfNull(inflation);
        ArgumentNullException.ThrowIfNull(steering);
        ArgumentNullException.ThrowIfNull(providerOf);
        return [.. p50ByProvider.Keys.Order(StringComparer.Ordinal).Select(provider =>
        {
            var spread = spreads.FirstOrDefault(s => s.Provider == provider && s.Level == Consistency.Continent)
                ?? spreads.FirstOrDefault(s => s.Provider == provider && s.Level == Consistency.Country);
            var gaps = failovers.Where(f => providerOf(f.TargetId) == provider).Select(f => f.GapMs).Order().ToList();
            var rows = inflation.Where(i => i.Provider == provider).ToList();
            return new ProviderPromises(
                provider,
                p50ByProvider[provider],
                spread?.WorstRegion,
                spread?.WorstP50Ms,
                gaps.Count,
                gaps.Count == 0 ? null : Percentiles.OfSorted(gaps, 0.5),
                gaps.Count == 0 ? null : gaps[^1],
                rows.Count == 0 ? null : (double)rows.Count(i => i.OnNearest) / rows.Count,
                TargetSteering.Combine(steering.Where(s => s.Provider == provider).Select(s => s.Kind)))
            {
                Outages = outages?.Count(o => providerOf(o.TargetId) == provider) ?? 0,
            };
        })];
    }
}
