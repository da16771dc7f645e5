using System.Globalization;

namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// Classifies the series of sites one vantage point reached for one target, in time order:
/// <list type="bullet">
/// <item><b>outage</b>: at least <see cref="RouteOptions.OutageProbes"/> consecutive probes without an answer;</item>
/// <item><b>flapping</b>: within <see cref="RouteOptions.FlapWindow"/> consecutive answers, at least
/// <see cref="RouteOptions.FlapChanges"/> changes of site with the two main sites each holding
/// <see cref="RouteOptions.FlapMinShare"/> (Wei and Heidemann, TMA 2017, saw about 1 % of VPs do this);</item>
/// <item><b>shift</b>: a new site answering <see cref="RouteOptions.Persistence"/> consecutive times
/// (unanswered probes in between neither break nor count);</item>
/// <item><b>transient</b>: a different site for fewer answers than that, followed by another site.</item>
/// </list>
/// The stable site is the first that persists. A short run at either edge of the window cannot be
/// told apart from a shift just outside it and becomes a warning, never a change.
/// </summary>
public static class SeriesClassifier
{
    /// <summary>Classifies a series sorted by time.</summary>
    public static SeriesClassification Classify(string targetId, string vantageId, IReadOnlyList<SeriesSample> series, RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var changes = new List<RouteChange>();
        var warnings = new List<string>();
        var answered = series.Where(s => s.Site is not null).ToList();

        FindOutages(targetId, vantageId, series, options, changes);
        var flapping = FindFlapping(answered, options);
        AddFlappingEpisodes(targetId, vantageId, answered, flapping, options, changes);
        FindShifts(targetId, vantageId, answered, flapping, options, changes, warnings);

        changes.Sort((a, b) => a.At.CompareTo(b.At));
        return new SeriesClassification(changes, warnings);
    }

    private static void FindOutages(string targetId, string vantageId, IReadOnlyList<SeriesSample> series, RouteOptions options, List<RouteChange> changes)
    {
        var i = 0;
        while (i < series.Count)
        {
            if (series[i].Site is not null)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < series.Count && series[j].Site is null)
            {
                j++;
            }

            if (j - i >= options.OutageProbes)
            {
                var before = Last(series, i - 1);
                var after = j < series.Count ? series[j] : (SeriesSample?)null;
                changes.Add(new RouteChange(
                    targetId,
                    vantageId,
                    RouteChangeKind.Outage,
                    series[i].Time,
                    before?.Time,
                    after?.Time,
                    series[j - 1].Time,
                    before?.Site,
                    after?.Site,
                    MedianBefore(series, i, before?.Site, options.RttContext),
                    MedianAfter(series, j, after?.Site, options.RttContext),
                    j - i));
            }

            i = j;
        }
    }

    private static bool[] FindFlapping(List<SeriesSample> answered, RouteOptions options)
    {
        var flapping = new bool[answered.Count];
        var window = options.FlapWindow;
        for (var start = 0; start + window <= answered.Count; start++)
        {
            var switches = 0;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = start; k < start + window; k++)
            {
                counts[answered[k].Site!] = counts.GetValueOrDefault(answered[k].Site!) + 1;
                if (k > start && answered[k].Site != answered[k - 1].Site)
                {
                    switches++;
                }
            }

            var top = counts.Values.OrderDescending().Take(2).ToList();
            if (switches >= options.FlapChanges && top.Count == 2 && top[1] >= options.FlapMinShare * window)
            {
                // The episode runs from the window's first change of site to its last.
                var first = start + 1;
                while (answered[first].Site == answered[first - 1].Site)
                {
                    first++;
                }

                var last = start + window - 1;
                while (answered[last].Site == answered[last - 1].Site)
                {
                    last--;
                }

                Array.Fill(flapping, true, first, last - first + 1);
            }
        }

        return flapping;
    }

    private static void AddFlappingEpisodes(string targetId, string vantageId, List<SeriesSample> answered, bool[] flapping, RouteOptions options, List<RouteChange> changes)
    {
        var i = 0;
        while (i < answered.Count)
        {
            if (!flapping[i])
            {
                i++;
                continue;
            }

            var j = i;
            while (j < answered.Count && flapping[j])
            {
                j++;
            }

            var mix = answered.Skip(i).Take(j - i)
                .GroupBy(s => s.Site!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).ToList();
            changes.Add(new RouteChange(
                targetId,
                vantageId,
                RouteChangeKind.Flapping,
                answered[i].Time,
                i > 0 ? answered[i - 1].Time : null,
                answered[i].Time,
                answered[j - 1].Time,
                mix[0],
                mix.Count > 1 ? mix[1] : null,
                MedianBefore(answered, i, i > 0 ? answered[i - 1].Site : null, options.RttContext),
                Median(answered.Skip(i).Take(j - i).Select(s => s.RttMs)),
                j - i));
            i = j;
        }
    }

    private static void FindShifts(
        string targetId, string vantageId, List<SeriesSample> answered, bool[] flapping, RouteOptions options, List<RouteChange> changes, List<string> warnings)
    {
        // Runs of one site over the answers outside flapping episodes.
        var runs = new List<(string Site, int First, int Last)>();
        for (var k = 0; k < answered.Count; k++)
        {
            if (flapping[k])
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Site == answered[k].Site && runs[^1].Last == k - 1)
            {
                runs[^1] = (runs[^1].Site, runs[^1].First, k);
            }
            else
            {
                runs.Add((answered[k].Site!, k, k));
            }
        }

        var stableIndex = runs.FindIndex(r => r.Last - r.First + 1 >= options.Persistence);
        if (stableIndex < 0)
        {
            return;
        }

        var stable = runs[stableIndex].Site;
        for (var r = 0; r < stableIndex; r++)
        {
            if (runs[r].Site != stable)
            {
                if (r == 0)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{vantageId} → {targetId}: the window starts with {Length(runs[r])} answer(s) from {runs[r].Site} before {stable} settles; a shift may have happened just before it"));
                }
                else
                {
                    changes.Add(Transient(targetId, vantageId, answered, runs[r], stable, options));
                }
            }
        }

        for (var r = stableIndex + 1; r < runs.Count; r++)
        {
            var run = runs[r];
            if (run.Site == stable)
            {
                continue;
            }

            if (Length(run) >= options.Persistence)
            {
                var lastOld = LastIndexOf(answered, run.First - 1, stable);
                var lastOldTime = lastOld >= 0 ? answered[lastOld].Time : answered[run.First].Time;
                var firstNew = answered[run.First].Time;
                changes.Add(new RouteChange(
                    targetId,
                    vantageId,
                    RouteChangeKind.Shift,
                    lastOldTime + ((firstNew - lastOldTime) / 2),
                    lastOld >= 0 ? lastOldTime : null,
                    firstNew,
                    answered[run.Last].Time,
                    stable,
                    run.Site,
                    MedianBefore(answered, run.First, stable, options.RttContext),
                    MedianAfter(answered, run.First, run.Site, options.RttContext),
                    Length(run)));
                stable = run.Site;
            }
            else if (r == runs.Count - 1)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{vantageId} → {targetId}: the window ends with {Length(run)} answer(s) from {run.Site} after {stable}; not yet a shift ({options.Persistence} needed)"));
            }
            else
            {
                changes.Add(Transient(targetId, vantageId, answered, run, stable, options));
            }
        }
    }

    private static RouteChange Transient(string targetId, string vantageId, List<SeriesSample> answered, (string Site, int First, int Last) run, string stable, RouteOptions options)
    {
        var lastOld = LastIndexOf(answered, run.First - 1, stable);
        return new RouteChange(
            targetId,
            vantageId,
            RouteChangeKind.Transient,
            answered[run.First].Time,
            lastOld >= 0 ? answered[lastOld].Time : null,
            answered[run.First].Time,
            answered[run.Last].Time,
            stable,
            run.Site,
            MedianBefore(answered, run.First, stable, options.RttContext),
            Median(answered.Skip(run.First).Take(Length(run)).Select(s => s.RttMs)),
            Length(run));
    }

    private static int Length((string Site, int First, int Last) run) => run.Last - run.First + 1;

    private static SeriesSample? Last(IReadOnlyList<SeriesSample> series, int from)
    {
        for (var k = from; k >= 0; k--)
        {
            if (series[k].Site is not null)
            {
                return series[k];
            }
        }

        return null;
    }

    private static int LastIndexOf(List<SeriesSample> answered, int from, string site)
    {
        for (var k = from; k >= 0; k--)
        {
            if (answered[k].Site == site)
            {
                return k;
            }
        }

        return -1;
    }

    private static double? MedianBefore(IReadOnlyList<SeriesSample> series, int index, string? site, int count)
    {
        var rtts = new List<double>(count);
        for (var k = index - 1; k >= 0 && rtts.Count < count; k--)
        {
            if (series[k].Site is not null && series[k].Site == site && series[k].RttMs is { } rtt)
            {
                rtts.Add(rtt);
            }
        }

        return Median(rtts.Select(r => (double?)r));
    }

    private static double? MedianAfter(IReadOnlyList<SeriesSample> series, int index, string? site, int count)
    {
        var rtts = new List<double>(count);
        for (var k = index; k < series.Count && rtts.Count < count; k++)
        {
            if (series[k].Site is not null && series[k].Site == site && series[k].RttMs is { } rtt)
            {
                rtts.Add(rtt);
            }
        }

        return Median(rtts.Select(r => (double?)r));
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        return sorted.Count == 0 ? null : Percentiles.OfSorted(sorted, 0.5);
    }
}
