using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Series;
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
    private int[] _byId = [];
    private int? _noIdentity;

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
            site = Number(m.Identity);
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

    /// <summary>Keeps what the charts need of one series' columns (as <see cref="Add(Measurement)"/> row by row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ColumnarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var key = (series.VantageId, series.TargetId);
        if (!_series.TryGetValue(key, out var columns))
        {
            _series.Add(key, columns = new SeriesColumns());
        }

        (_lastKey, _last) = (key, columns);
        columns.Reserve(series.Count);
        var outcomes = series.Outcomes;
        var rtts = series.RttMicros;
        var identities = series.IdentityIds;
        for (var row = 0; row < series.Count; row++)
        {
            var answered = outcomes[row] == (byte)ProbeOutcome.Answered;
            var site = answered ? SiteNumber(series.Identities, identities[row]) : -1;
            columns.Add(series.Started(row), answered && rtts[row] != ColumnarSeries.NoRtt ? rtts[row] / 1000.0 : null, site);
        }
    }

    /// <summary>The series collected so far.</summary>
    public SeriesSet Build() => new(_series, _siteCodes, _sites);

    private int SiteNumber(IdentityTable identities, int id)
    {
        if (id == IdentityTable.None)
        {
            return _noIdentity ??= Number(ObservedIdentity.None);
        }

        if (id >= _byId.Length)
        {
            var grown = new int[Math.Max(id + 1, _byId.Length * 2)];
            Array.Fill(grown, -1, _byId.Length, grown.Length - _byId.Length);
            _byId.CopyTo(grown, 0);
            _byId = grown;
        }

        return _byId[id] >= 0 ? _byId[id] : _byId[id] = Number(identities[id]);
    }

    /// <summary>The number of the site an identity names, resolved here (numbers are given in the order sites are met).</summary>
    private int Number(ObservedIdentity identity)
    {
        var resolved = identity.IsEmpty ? Site.Unparsed(Analyzer.NoIdentity) : _resolveSite(identity);
        _sites.TryAdd(resolved.Code, resolved);
        if (!_siteNumbers.TryGetValue(resolved.Code, out var site))
        {
            site = _siteCodes.Count;
            _siteNumbers.Add(resolved.Code, site);
            _siteCodes.Add(resolved.Code);
        }

        return site;
    }
}
