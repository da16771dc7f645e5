namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// Groups shifts into events: per target and direction (from-site, to-site), shifts in time order
/// join while each is within <see cref="RouteOptions.EventGap"/> of the previous one; a group is an
/// event when it covers at least <see cref="RouteOptions.EventMinVantages"/> vantage points. Shifts in
/// other directions at the same time are other events, so an event never names a vantage point
/// that did not make its move.
/// </summary>
public static class EventGrouper
{
    /// <summary>Groups the shifts among <paramref name="changes"/>.</summary>
    public static IReadOnlyList<ShiftEvent> Group(IEnumerable<RouteChange> changes, RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(options);
        var events = new List<ShiftEvent>();
        foreach (var target in changes.Where(c => c.Kind == RouteChangeKind.Shift).GroupBy(c => (c.TargetId, c.From, c.To)))
        {
            var group = new List<RouteChange>();
            foreach (var shift in target.OrderBy(c => c.At))
            {
                if (group.Count > 0 && shift.At - group[^1].At > options.EventGap)
                {
                    Close(group, options, events);
                    group = [];
                }

                group.Add(shift);
            }

            Close(group, options, events);
        }

        return [.. events.OrderBy(e => e.Start).ThenBy(e => e.TargetId, StringComparer.Ordinal)];
    }

    private static void Close(List<RouteChange> group, RouteOptions options, List<ShiftEvent> events)
    {
        var vantages = group.Select(c => c.VantageId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (vantages.Count < options.EventMinVantages)
        {
            return;
        }

        var deltas = group.Where(c => c.RttBeforeMs is not null && c.RttAfterMs is not null)
            .Select(c => c.RttAfterMs!.Value - c.RttBeforeMs!.Value).Order().ToList();
        events.Add(new ShiftEvent(
            group[0].TargetId,
            group[0].At,
            group[^1].At,
            vantages,
            group[0].From ?? "?",
            group[0].To ?? "?",
            deltas.Count > 0 ? Percentiles.OfSorted(deltas, 0.5) : null,
            [.. group]));
    }
}
