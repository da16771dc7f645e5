using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Promises;

/// <summary>Failovers: gaps in which a series lost its site and came back on another (regular and burst probes).</summary>
/// <param name="minLost">Fewest probes lost in a row that make a failover.</param>
public sealed class FailoverAggregator(int minLost) : ISeriesAggregator
{
    private readonly List<Failover> _failovers = [];

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _failovers.AddRange(series.Failovers(minLost));
    }

    /// <summary>The failovers by when service came back, then target and vantage point.</summary>
    public IReadOnlyList<Failover> Failovers() =>
        [.. _failovers.OrderBy(f => f.FirstOk).ThenBy(f => f.TargetId, StringComparer.Ordinal).ThenBy(f => f.VantageId, StringComparer.Ordinal)];
}
