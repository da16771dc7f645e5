using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Path inflation: where sites were also probed on their own addresses, how much slower the serving
/// (dominant) site is than the fastest one; per target, how many vantage points sit on their nearest site.
/// </summary>
public sealed class InflationAggregator : ISeriesAggregator
{
    private readonly List<PathInflation> _inflation = [];

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Dominant is not { Latency.P50Ms: { } servingMs } serving || series.SiteProbes.Count == 0)
        {
            return;
        }

        // Per site probed on its own address: the median RTT of good answers and the site they name.
        var best = series.SiteProbes.Where(m => m.SiteId is not null && m.IsGood && m.RttMs is not null)
            .GroupBy(m => m.SiteId!, StringComparer.Ordinal)
            .Select(g =>
            {
                var rtts = g.Select(m => m.RttMs!.Value).Order().ToList();
                var named = g.Where(m => !m.Identity.IsEmpty).GroupBy(m => series.SiteTable.Resolve(m.Identity).Code, StringComparer.Ordinal)
                    .OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Key).FirstOrDefault();
                return (Site: named ?? g.Key, P50: Percentiles.OfSorted(rtts, 0.5));
            })
            .OrderBy(x => x.P50).ThenBy(x => x.Site, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Site is not null)
        {
            _inflation.Add(new PathInflation(series.TargetId, series.Provider, series.VantageId, serving.Code, best.Site, servingMs, best.P50));
        }
    }

    /// <summary>Per target and vantage point.</summary>
    public IReadOnlyList<PathInflation> Inflation() =>
        [.. _inflation.OrderBy(i => i.TargetId, StringComparer.Ordinal).ThenBy(i => i.VantageId, StringComparer.Ordinal)];

    /// <summary>Per target: vantage points on their nearest site, and the median inflation.</summary>
    public static IReadOnlyList<NearestSite> Nearest(IReadOnlyList<PathInflation> inflation) =>
        [.. inflation.GroupBy(i => i.TargetId, StringComparer.Ordinal).Select(g => new NearestSite(
            g.Key,
            g.Count(),
            g.Count(i => i.OnNearest),
            Percentiles.OfSorted([.. g.Select(i => i.InflationMs).Order()], 0.5)))];
}
