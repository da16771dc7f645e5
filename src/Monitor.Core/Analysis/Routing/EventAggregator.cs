using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Routing;

/// <summary>Events: route changes of many vantage points close in time, grouped per target.</summary>
/// <param name="changes">The route changes, found series by series.</param>
/// <param name="options">Event rules.</param>
public sealed class EventAggregator(RouteChangeAggregator changes, RouteOptions options) : ISeriesAggregator
{
    /// <inheritdoc />
    /// <remarks>Nothing to keep per series: events are made of the changes once all series are in.</remarks>
    public void Add(SeriesView series)
    {
    }

    /// <summary>The events.</summary>
    public IReadOnlyList<ShiftEvent> Events() => EventGrouper.Group(changes.Found, options);
}
