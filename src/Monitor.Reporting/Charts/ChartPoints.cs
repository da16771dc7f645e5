namespace Monitor.Reporting.Charts;

/// <summary>What a chart draws of many points: failovers grouped into events, in time order.</summary>
internal static class ChartPoints
{
    /// <summary>Failovers grouped into events: same target, last good answers within <paramref name="gap"/> of the previous one.</summary>
    public static List<List<Core.Analysis.Promises.Failover>> FailoverEvents(IEnumerable<Core.Analysis.Promises.Failover> failovers, TimeSpan gap)
    {
        var events = new List<List<Core.Analysis.Promises.Failover>>();
        foreach (var byTarget in failovers.GroupBy(f => f.TargetId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            List<Core.Analysis.Promises.Failover>? current = null;
            foreach (var f in byTarget.OrderBy(f => f.LastOk))
            {
                if (current is null || f.LastOk - current[^1].LastOk > gap)
                {
                    current = [];
                    events.Add(current);
                }

                current.Add(f);
            }
        }

        events.Sort((a, b) => a[0].LastOk.CompareTo(b[0].LastOk));
        return events;
    }
}
