using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting;

/// <summary>
/// The probes of each (vantage point, target) series reduced to time, RTT and site: what time-series
/// charts and the CDF need. Built by streaming measurements once; about 24 bytes per probe.
/// </summary>
public sealed class SeriesSet
{
    private readonly Dictionary<(string Vantage, string Target), List<SeriesPoint>> _series;
    private readonly Lazy<TimeSpan?> _typicalInterval;

    private SeriesSet(Dictionary<(string Vantage, string Target), List<SeriesPoint>> series, Dictionary<string, Site> sites)
    {
        _series = series;
        Sites = sites;
        _typicalInterval = new(ComputeTypicalInterval);
        foreach (var list in series.Values)
        {
            list.Sort((a, b) => a.At.CompareTo(b.At));
        }
    }

    /// <summary>Every site seen, by code, as the resolver described it.</summary>
    public IReadOnlyDictionary<string, Site> Sites { get; }

    /// <summary>The series keys, ordered by vantage point, then target.</summary>
    public IReadOnlyList<(string Vantage, string Target)> Keys =>
        [.. _series.Keys.OrderBy(k => k.Vantage, StringComparer.Ordinal).ThenBy(k => k.Target, StringComparer.Ordinal)];

    /// <summary>The targets, ordered.</summary>
    public IReadOnlyList<string> Targets => [.. _series.Keys.Select(k => k.Target).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The median gap between consecutive probes of a series, or null with too few probes; computed once.</summary>
    public TimeSpan? TypicalInterval => _typicalInterval.Value;

    private TimeSpan? ComputeTypicalInterval()
    {
        var gaps = _series.Values.SelectMany(s => s.Zip(s.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds)).Where(g => g > 0).Order().ToList();
        return gaps.Count == 0 ? null : TimeSpan.FromMilliseconds(Math.Round(gaps[gaps.Count / 2] / 1000) * 1000);
    }

    /// <summary>The points of one series in time order; empty when there is none.</summary>
    public IReadOnlyList<SeriesPoint> Get(string vantageId, string targetId) =>
        _series.TryGetValue((vantageId, targetId), out var list) ? list : [];

    /// <summary>Reads measurements (any order) and keeps what the charts need.</summary>
    /// <param name="measurements">The measurements, streamed.</param>
    /// <param name="resolveSite">Identity to site, as the analysis used; called once per distinct identity.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<SeriesSet> CollectAsync(
        IAsyncEnumerable<Measurement> measurements, Func<ObservedIdentity, Site> resolveSite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(resolveSite);
        var series = new Dictionary<(string, string), List<SeriesPoint>>();
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        var cache = new Dictionary<ObservedIdentity, string>();
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            string? code = null;
            if (m.IsAnswered)
            {
                if (!cache.TryGetValue(m.Identity, out code))
                {
                    var site = m.Identity.IsEmpty ? Site.Unparsed(Analyzer.NoIdentity) : resolveSite(m.Identity);
                    code = site.Code;
                    sites.TryAdd(code, site);
                    cache.Add(m.Identity, code);
                }
            }

            var key = (m.VantageId, m.TargetId);
            if (!series.TryGetValue(key, out var list))
            {
                series.Add(key, list = []);
            }

            list.Add(new SeriesPoint(m.Started, m.IsAnswered ? m.Rtt?.TotalMilliseconds : null, code));
        }

        return new SeriesSet(series, sites);
    }
}
