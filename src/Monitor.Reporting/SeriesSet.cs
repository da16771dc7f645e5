using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting;

/// <summary>
/// The probes of each (vantage point, target) series reduced to time, RTT and site: what time-series
/// charts and the CDF need. Built by streaming measurements once (<see cref="SeriesSetBuilder"/>); kept
/// as columns, 20 bytes per probe (time, RTT, site number), and given out as points one series at a time.
/// </summary>
public sealed class SeriesSet
{
    private readonly Dictionary<(string Vantage, string Target), SeriesColumns> _series;
    private readonly IReadOnlyList<string> _siteCodes;
    private readonly Lazy<TimeSpan?> _typicalInterval;

    internal SeriesSet(Dictionary<(string Vantage, string Target), SeriesColumns> series, IReadOnlyList<string> siteCodes, Dictionary<string, Site> sites)
    {
        _series = series;
        _siteCodes = siteCodes;
        Sites = sites;
        _typicalInterval = new(ComputeTypicalInterval);
        Keys = [.. series.Keys.OrderBy(k => k.Vantage, StringComparer.Ordinal).ThenBy(k => k.Target, StringComparer.Ordinal)];
        foreach (var columns in series.Values)
        {
            columns.SortByTime();
            if (columns.Count > 0)
            {
                FirstProbe = FirstProbe is { } first && first <= columns.First ? first : columns.First;
                LastProbe = LastProbe is { } last && last >= columns.Last ? last : columns.Last;
            }
        }
    }

    /// <summary>Every site seen, by code, as the resolver described it.</summary>
    public IReadOnlyDictionary<string, Site> Sites { get; }

    /// <summary>The series keys, ordered by vantage point, then target (ordered once).</summary>
    public IReadOnlyList<(string Vantage, string Target)> Keys { get; }

    /// <summary>The targets, ordered.</summary>
    public IReadOnlyList<string> Targets => [.. _series.Keys.Select(k => k.Target).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The earliest probe of any series; null when there is none.</summary>
    public DateTimeOffset? FirstProbe { get; }

    /// <summary>The latest probe of any series; null when there is none.</summary>
    public DateTimeOffset? LastProbe { get; }

    /// <summary>The median gap between consecutive probes of a series, or null with too few probes; computed once.</summary>
    public TimeSpan? TypicalInterval => _typicalInterval.Value;

    /// <summary>The points of one series in time order; empty when there is none.</summary>
    public IReadOnlyList<SeriesPoint> Get(string vantageId, string targetId) =>
        _series.TryGetValue((vantageId, targetId), out var columns) ? columns.Points(_siteCodes) : [];

    /// <summary>The columns of one series, or null when there is none.</summary>
    internal SeriesColumns? Columns(string vantageId, string targetId) => _series.GetValueOrDefault((vantageId, targetId));

    /// <summary>The code of site number <paramref name="site"/> in <see cref="SeriesColumns.Sites"/>.</summary>
    internal string SiteCode(int site) => _siteCodes[site];

    /// <summary>How many site numbers there are.</summary>
    internal int SiteCount => _siteCodes.Count;

    /// <summary>Reads measurements (any order) and keeps what the charts need.</summary>
    /// <param name="measurements">The measurements, streamed.</param>
    /// <param name="resolveSite">Identity to site, as the analysis used; called once per distinct identity.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<SeriesSet> CollectAsync(
        IAsyncEnumerable<Measurement> measurements, Func<ObservedIdentity, Site> resolveSite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var builder = new SeriesSetBuilder(resolveSite);
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            builder.Add(m);
        }

        return builder.Build();
    }

    private TimeSpan? ComputeTypicalInterval()
    {
        // The median of every positive gap, counted per distinct gap (probes of a schedule share a few).
        var counts = new Dictionary<long, long>();
        long total = 0;
        foreach (var columns in _series.Values)
        {
            columns.CountGaps(counts, ref total);
        }

        if (total == 0)
        {
            return null;
        }

        var rank = total / 2;
        foreach (var (gap, count) in counts.OrderBy(kv => kv.Key))
        {
            if (rank < count)
            {
                return TimeSpan.FromMilliseconds(Math.Round(TimeSpan.FromTicks(gap).TotalMilliseconds / 1000) * 1000);
            }

            rank -= count;
        }

        throw new InvalidOperationException("unreachable: the rank is below the total");
    }
}
