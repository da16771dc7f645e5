using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Catchment;

/// <summary>
/// Catchment: per series the share of answers each site gave and which site dominated; per target
/// the vantage points each site is dominant for.
/// </summary>
public sealed class CatchmentAggregator : ISeriesAggregator
{
    private readonly List<CatchmentShare> _shares = [];
    private readonly Dictionary<(string Target, string Site), List<string>> _siteVantages = [];
    private SiteTable? _sites;

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _sites = series.SiteTable;
        var answers = series.Sites.Sum(s => s.Answers);
        foreach (var s in series.Sites)
        {
            _shares.Add(new CatchmentShare(series.TargetId, series.VantageId, s.Code, s.Identity, s.Answers, answers == 0 ? 0 : (double)s.Answers / answers, s.Code == series.Dominant?.Code));
        }

        if (series.Dominant is { } dominant)
        {
            var list = _siteVantages.GetValueOrDefault((series.TargetId, dominant.Code)) ?? [];
            list.Add(series.VantageId);
            _siteVantages[(series.TargetId, dominant.Code)] = list;
        }
    }

    /// <summary>Shares per target, vantage point and site; largest share first within a series.</summary>
    public IReadOnlyList<CatchmentShare> Shares() =>
        [.. _shares.OrderBy(c => c.TargetId, StringComparer.Ordinal).ThenBy(c => c.VantageId, StringComparer.Ordinal).ThenByDescending(c => c.Share)];

    /// <summary>Per target and site, the vantage points it is dominant for, with its place.</summary>
    public IReadOnlyList<SiteCatchment> Sites() =>
        [.. _siteVantages
            .Select(kv =>
            {
                var total = _siteVantages.Where(o => o.Key.Target == kv.Key.Target).Sum(o => o.Value.Count);
                var info = _sites?.ByCode(kv.Key.Site);
                return new SiteCatchment(kv.Key.Target, kv.Key.Site, info?.City, info?.Country, [.. kv.Value.Order(StringComparer.Ordinal)], (double)kv.Value.Count / total);
            })
            .OrderBy(s => s.TargetId, StringComparer.Ordinal).ThenByDescending(s => s.Vantages.Count).ThenBy(s => s.Site, StringComparer.Ordinal)];
}
