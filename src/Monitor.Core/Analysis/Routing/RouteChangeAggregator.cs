using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Routing;

/// <summary>Route changes: each series' site run classified into shifts, flapping, outages and transients.</summary>
/// <param name="options">Classifier rules.</param>
/// <param name="warnings">Where undecidable cases are reported, in series order.</param>
public sealed class RouteChangeAggregator(RouteOptions options, List<string> warnings) : ISeriesAggregator
{
    private readonly List<RouteChange> _changes = [];

    /// <summary>Every change found, in the order the series came.</summary>
    public IReadOnlyList<RouteChange> Found => _changes;

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return;
        }

        var classification = series.Classify(options);
        _changes.AddRange(classification.Changes);
        warnings.AddRange(classification.Warnings);
    }

    /// <summary>The changes by time, then target and vantage point.</summary>
    public IReadOnlyList<RouteChange> Changes() =>
        [.. _changes.OrderBy(c => c.At).ThenBy(c => c.TargetId, StringComparer.Ordinal).ThenBy(c => c.VantageId, StringComparer.Ordinal)];
}
