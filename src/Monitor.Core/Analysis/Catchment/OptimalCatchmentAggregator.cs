using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Catchment;

/// <summary>
/// Optimal catchment: of the series that saw two or more sites with RTTs, how many were served by
/// the one with the lowest median.
/// </summary>
public sealed class OptimalCatchmentAggregator : ISeriesAggregator
{
    private readonly Dictionary<string, (int Knowable, int Optimal)> _optimal = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var medians = series.Sites.Where(s => s.Latency.P50Ms is not null).ToList();
        if (medians.Count >= 2 && series.Dominant is { } dominant)
        {
            var best = medians.MinBy(s => s.Latency.P50Ms!.Value)!.Code;
            var o = _optimal.GetValueOrDefault(series.TargetId);
            _optimal[series.TargetId] = (o.Knowable + 1, o.Optimal + (best == dominant.Code ? 1 : 0));
        }
    }

    /// <summary>Per target, ordered by id.</summary>
    public IReadOnlyList<OptimalCatchment> Optimal() =>
        [.. _optimal.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new OptimalCatchment(kv.Key, kv.Value.Knowable, kv.Value.Optimal))];
}
