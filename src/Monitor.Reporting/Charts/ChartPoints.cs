namespace Monitor.Reporting.Charts;

/// <summary>
/// What a chart draws of many points: failovers grouped into events, line series downsampled to
/// real samples, site timelines reduced to columns; always in time order.
/// </summary>
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

    /// <summary>
    /// At most <paramref name="max"/> points in time order: the series itself when short enough, else per
    /// equal time bucket the point at the bucket's median RTT (a real sample, placed at its own time).
    /// </summary>
    public static List<SeriesPoint> Downsample(List<SeriesPoint> points, int max)
    {
        if (points.Count <= max)
        {
            return points;
        }

        var result = new List<SeriesPoint>(max);
        foreach (var bucket in Buckets(points, max))
        {
            var sorted = bucket.OrderBy(p => p.RttMs).ToList();
            result.Add(sorted[sorted.Count / 2]);
        }

        result.Sort((a, b) => a.At.CompareTo(b.At));
        return result;
    }

    /// <summary>
    /// At most <paramref name="max"/> points for a site timeline: the series itself when short enough,
    /// else per equal time bucket its first point carrying the state seen most in the bucket.
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Columns(IReadOnlyList<SeriesPoint> points, int max)
    {
        if (points.Count <= max)
        {
            return points;
        }

        return [.. Buckets(points, max).Select(bucket =>
        {
            var state = bucket.GroupBy(p => p.Site ?? string.Empty, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            return bucket[0] with { Site = state.Length == 0 ? null : state };
        })];
    }

    /// <summary>Splits time-ordered points into at most <paramref name="count"/> non-empty buckets of equal time span.</summary>
    private static List<List<SeriesPoint>> Buckets(IReadOnlyList<SeriesPoint> points, int count)
    {
        var first = points[0].At;
        var span = Math.Max(1, (points[^1].At - first).Ticks + 1);
        var buckets = new List<SeriesPoint>[count];
        foreach (var p in points)
        {
            var index = (int)Math.Min(count - 1, (p.At - first).Ticks * count / span);
            (buckets[index] ??= []).Add(p);
        }

        return [.. buckets.Where(b => b is not null)];
    }
}
