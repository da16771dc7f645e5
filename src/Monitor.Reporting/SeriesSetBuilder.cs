using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting;

/// <summary>
/// Collects a <see cref="SeriesSet"/> one measurement at a time, in any order: so that the charts' series
/// can be gathered while the analysis reads the same measurements, instead of reading them again.
/// </summary>
public sealed class SeriesSetBuilder
{
    private readonly Func<ObservedIdentity, Site> _resolveSite;
    private readonly Dictionary<(string, string), SeriesColumns> _series = [];
    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<ObservedIdentity, int> _cache = [];
    private readonly Dictionary<string, int> _siteNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _siteCodes = [];
    private (string Vantage, string Target) _lastKey;
    private SeriesColumns? _last;

    /// <param name="resolveSite">Identity to site, as the analysis uses; called once per distinct identity.</param>
    public SeriesSetBuilder(Func<ObservedIdentity, Site> resolveSite)
    {
        _resolveSite = resolveSite ?? throw new ArgumentNullException(nameof(resolveSite));
    }

    /// <summary>Keeps what the charts need of <paramref name="m"/>.</summary>
    public void Add(Measurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var site = -1;
        if (m.IsAnswered && !_cache.TryGetValue(m.Identity, out site))
        {
            var resolved = m.Identity.IsEmpty ? Site.Unparsed(Analyzer.NoIdentity) : _resolveSite(m.Identity);
            _sites.TryAdd(resolved.Code, resolved);
            if (!_siteNumbers.TryGetValue(resolved.Code, out site))
            {
                site = _siteCodes.Count;
                _siteNumbers.Add(resolved.Code, site);
                _siteCodes.Add(resolved.Code);
            }

            _cache.Add(m.Identity, site);
        }

        // Measurements mostly come series by series: the last series is looked up first.
        if (_last is null || !ReferenceEquals(_lastKey.Vantage, m.VantageId) || !ReferenceEquals(_lastKey.Target, m.TargetId))
        {
            var key = (m.VantageId, m.TargetId);
            if (!_series.TryGetValue(key, out _last))
            {
                _series.Add(key, _last = new SeriesColumns());
            }

            _lastKey = key;
        }

        _last.Add(m.Started, m.IsAnswered ? m.Rtt?.TotalMilliseconds : null, site);
    }

    /// <summary>The series collected so far.</summary>
    public SeriesSet Build() => new(_series, _siteCodes, _sites);
}
