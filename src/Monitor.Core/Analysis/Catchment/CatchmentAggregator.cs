using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Analysis.Catchment;

/// <summary>
/// Catchment: per series the share of answers each site gave and which site dominated; per target
/// the vantage points each site is dominant for. Sites the engine only guessed (low confidence) are
/// kept out of the shares and listed with the unknown identities instead (<see cref="Uncertain"/>).
/// </summary>
public sealed class CatchmentAggregator : ISeriesAggregator
{
    private readonly List<CatchmentShare> _shares = [];
    private readonly Dictionary<(string Target, string Site), List<string>> _siteVantages = [];
    private readonly Dictionary<(string Identity, string Site), int> _uncertain = [];
    private SiteTable? _sites;

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _sites = series.SiteTable;
        foreach (var s in series.Sites)
        {
            if (series.Confidence(s.Code) is <= SiteConfidence.Low && s.Code != Analyzer.NoIdentity)
            {
                _uncertain[(s.Identity, s.Code)] = _uncertain.GetValueOrDefault((s.Identity, s.Code)) + s.Answers;
            }
        }

        var counted = series.Sites.Where(s => series.Counts(s.Code)).ToList();
        var answers = counted.Sum(s => s.Answers);
        var dominant = counted.OrderByDescending(s => s.Answers).ThenBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault();
        foreach (var s in counted)
        {
            _shares.Add(new CatchmentShare(series.TargetId, series.VantageId, s.Code, s.Identity, s.Answers, answers == 0 ? 0 : (double)s.Answers / answers, s.Code == dominant?.Code));
        }

        if (dominant is not null)
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

    /// <summary>Low-confidence and unknown identities with their answers; most answers first.</summary>
    public IReadOnlyList<UncertainIdentity> Uncertain() =>
        [.. _uncertain
            .Select(kv =>
            {
                var identification = _sites?.Identification(kv.Key.Site);
                var reason = identification?.Reason ?? (identification is { Evidence.Count: > 0 } i ? i.Evidence[0] : null);
                var confidence = identification is { Confidence: <= SiteConfidence.Low } ? identification.Confidence : SiteConfidence.Low;
                return new UncertainIdentity(kv.Key.Identity, kv.Key.Site, confidence, kv.Value, reason);
            })
            .OrderByDescending(u => u.Answers).ThenBy(u => u.Identity, StringComparer.Ordinal)];

    /// <summary>How sure the engine was of each site code the analysis met, in ordinal order.</summary>
    public IReadOnlyDictionary<string, SiteIdentification> Identifications() =>
        _sites?.Identifications ?? new Dictionary<string, SiteIdentification>(StringComparer.Ordinal);
}
