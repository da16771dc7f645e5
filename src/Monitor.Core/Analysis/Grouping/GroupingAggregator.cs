using Monitor.Core.Analysis.Latency;
using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Grouping;

/// <summary>
/// Latency and catchment per (target, group of vantage points): RTTs pooled over the group (so the
/// percentiles are of the group's probes, not an average of averages), and the group's vantage
/// points counted by dominant site. Vantage points without what the grouping needs go to
/// <see cref="VantageGroups.Unknown"/> and are listed.
/// </summary>
public sealed class GroupingAggregator(VantageGrouping grouping, Func<string, string> provider) : ISeriesAggregator
{
    private readonly Dictionary<(string Target, string Group), (LatencyPool Pool, HashSet<string> Vantages)> _latency = [];
    private readonly Dictionary<(string Target, string Group, string Site), int> _dominant = [];
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    /// <summary>The grouping.</summary>
    public VantageGrouping Grouping => grouping;

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return;
        }

        var group = VantageGroups.Of(grouping, series.VantageId, series.Vantage);
        if (group == VantageGroups.Unknown)
        {
            _unknown.Add(series.VantageId);
        }

        if (!_latency.TryGetValue((series.TargetId, group), out var entry))
        {
            entry = (new LatencyPool(), new HashSet<string>(StringComparer.Ordinal));
            _latency[(series.TargetId, group)] = entry;
        }

        entry.Pool.Add(series.Count, series.RttMicroseconds);
        entry.Vantages.Add(series.VantageId);
        if (series.Dominant is { } dominant)
        {
            var key = (series.TargetId, group, dominant.Code);
            _dominant[key] = _dominant.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Latency per target and group, by target then group.</summary>
    public IReadOnlyList<GroupedLatency> Latency() =>
        [.. _latency.OrderBy(kv => kv.Key.Target, StringComparer.Ordinal).ThenBy(kv => kv.Key.Group, StringComparer.Ordinal)
            .Select(kv => new GroupedLatency(kv.Key.Target, provider(kv.Key.Target), kv.Key.Group, kv.Value.Vantages.Count, kv.Value.Pool.Summary()))];

    /// <summary>Dominant sites per target and group, largest share first within a group.</summary>
    public IReadOnlyList<GroupedCatchment> Catchment()
    {
        var totals = _dominant.GroupBy(kv => (kv.Key.Target, kv.Key.Group)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return [.. _dominant
            .OrderBy(kv => kv.Key.Target, StringComparer.Ordinal).ThenBy(kv => kv.Key.Group, StringComparer.Ordinal)
            .ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Site, StringComparer.Ordinal)
            .Select(kv => new GroupedCatchment(kv.Key.Target, kv.Key.Group, kv.Key.Site, kv.Value, (double)kv.Value / totals[(kv.Key.Target, kv.Key.Group)]))];
    }

    /// <summary>Vantage points put in <see cref="VantageGroups.Unknown"/>, sorted.</summary>
    public IReadOnlyList<string> Unknown() => [.. _unknown.Order(StringComparer.Ordinal)];
}
