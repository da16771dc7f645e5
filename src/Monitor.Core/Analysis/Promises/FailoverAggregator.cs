using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Gaps in which a series lost its good answers and got them back (regular and burst probes), split by
/// where they came back from: from another site is a failover (the network moved the vantage point),
/// from the same site an outage (the site went away and returned; nothing failed over).
/// </summary>
/// <param name="minLost">Fewest probes lost in a row that make a gap back on the same site.</param>
public sealed class FailoverAggregator(int minLost) : ISeriesAggregator
{
    private readonly List<Failover> _failovers = [];
    private readonly List<Failover> _outages = [];

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var gap in series.Failovers(minLost))
        {
            (gap.Moved ? _failovers : _outages).Add(gap);
        }
    }

    /// <summary>The failovers (answers back from another site) by when service came back, then target and vantage point.</summary>
    public IReadOnlyList<Failover> Failovers() => Ordered(_failovers);

    /// <summary>The outages (answers back from the same site) by when service came back, then target and vantage point.</summary>
    public IReadOnlyList<Failover> Outages() => Ordered(_outages);

    private static List<Failover> Ordered(List<Failover> gaps) =>
        [.. gaps.OrderBy(f => f.FirstOk).ThenBy(f => f.TargetId, StringComparer.Ordinal).ThenBy(f => f.VantageId, StringComparer.Ordinal)];
}
