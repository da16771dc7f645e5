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
    /// <param name="targetId">The target.</param>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="series">Each probe in time order: when, the site that answered (null: none), the RTT.</param>
    /// <param name="options">The rules.</param>
    public static SeriesClassification Classify(string targetId, string vantageId, IReadOnlyList<SeriesSample> series, RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        var ticks = new long[series.Count];
        var sites = new int[series.Count];
        var rtts = new double[series.Count];
        var codes = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            ticks[k] = s.Time.UtcTicks;
            rtts[k] = s.RttMs ?? double.NaN;
            if (s.Site is null)
            {
                sites[k] = -1;
            }
            else if (!index.TryGetValue(s.Site, out sites[k]))
            {
                sites[k] = index[s.Site] = codes.Count;
                codes.Add(s.Site);
            }
        }

        return Classify(targetId, vantageId, ticks, sites, rtts, codes, options);
    }

    /// <summary>
    /// Classifies a series given as columns: UTC ticks, a site number per probe (−1: no answer) into
    /// <paramref name="codes"/>, and the RTT in ms (NaN: none). Runs of one site compare numbers, not strings.
    /// </summary>
    internal static SeriesClassification Classify(
        string targetId, string vantageId, ReadOnlySpan<long> ticks, ReadOnlySpan<int> sites, ReadOnlySpan<double> rtts, IReadOnlyList<string> codes, RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(options);
        var changes = new List<RouteChange>();
        var warnings = new List<string>();
        var all = new Columns(ticks, sites, rtts, codes);
        var answeredCount = 0;
        foreach (var site in sites)
        {
            answeredCount += site >= 0 ? 1 : 0;
        }

        var aTicks = new long[answeredCount];
        var aSites = new int[answeredCount];
        var aRtts = new double[answeredCount];
        for (int k = 0, a = 0; k < sites.Length; k++)
        {
            if (sites[k] >= 0)
            {
                (aTicks[a], aSites[a], aRtts[a]) = (ticks[k], sites[k], rtts[k]);
                a++;
            }
        }

        var answered = new Columns(aTicks, aSites, aRtts, codes);
        FindOutages(targetId, vantageId, all, options, changes);
        var flapping = FindFlapping(answered, options);
        AddFlappingEpisodes(targetId, vantageId, answered, flapping, options, changes);
        FindShifts(targetId, vantageId, answered, flapping, options, changes, warnings);

        changes.Sort((a, b) => a.At.CompareTo(b.At));
        return new SeriesClassification(changes, warnings);
    }

    private static void FindOutages(string targetId, string vantageId, Columns series, RouteOptions options, List<RouteChange> changes)
    {
        var i = 0;
        while (i < series.Count)
        {
            if (series.Sites[i] >= 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < series.Count && series.Sites[j] < 0)
            {
                j++;
            }

            if (j - i >= options.OutageProbes)
            {
                var before = Last(series, i - 1);
                var after = j < series.Count ? j : -1;
                changes.Add(new RouteChange(
                    targetId,
                    vantageId,
                    RouteChangeKind.Outage,
                    series.Time(i),
                    before >= 0 ? series.Time(before) : null,
                    after >= 0 ? series.Time(after) : null,
                    series.Time(j - 1),
                    before >= 0 ? series.Code(before) : null,
                    after >= 0 ? series.Code(after) : null,
                    MedianBefore(series, i, before >= 0 ? series.Sites[before] : -1, options.RttContext),
                    MedianAfter(series, j, after >= 0 ? series.Sites[after] : -1, options.RttContext),
                    j - i));
            }

            i = j;
        }
    }

    /// <summary>
    /// Marks the answers inside flapping episodes. The window slides one answer at a time; its per-site
    /// counts, distinct sites and changes of site are updated by the answer that enters and the one that
    /// leaves, never recounted.
    /// </summary>
    private static bool[] FindFlapping(Columns answered, RouteOptions options)
    {
        var n = answered.Count;
        var flapping = new bool[n];
        var window = options.FlapWindow;
        if (window <= 0 || window > n)
        {
            return flapping;
        }

        var sites = answered.Sites;
        var counts = new int[answered.Codes.Count];
        var distinct = 0;
        var switches = 0;
        for (var k = 0; k < window; k++)
        {
            distinct += counts[sites[k]]++ == 0 ? 1 : 0;
            switches += k > 0 && sites[k] != sites[k - 1] ? 1 : 0;
        }

        for (var start = 0; ; start++)
        {
            if (switches >= options.FlapChanges && distinct >= 2 && SecondLargest(counts) >= options.FlapMinShare * window)
            {
                // The episode runs from the window's first change of site to its last.
                var first = start + 1;
                while (sites[first] == sites[first - 1])
                {
                    first++;
                }

                var last = start + window - 1;
                while (sites[last] == sites[last - 1])
                {
                    last--;
                }

                Array.Fill(flapping, true, first, last - first + 1);
            }

            var next = start + window;
            if (next >= n)
            {
                return flapping;
            }

            distinct -= --counts[sites[start]] == 0 ? 1 : 0;
            switches -= sites[start + 1] != sites[start] ? 1 : 0;
            distinct += counts[sites[next]]++ == 0 ? 1 : 0;
            switches += sites[next] != sites[next - 1] ? 1 : 0;
        }
    }

    private static int SecondLargest(int[] counts)
    {
        int first = 0, second = 0;
        foreach (var c in counts)
        {
            if (c > first)
            {
                (first, second) = (c, first);
            }
            else if (c > second)
            {
                second = c;
            }
        }

        return second;
    }

    private static void AddFlappingEpisodes(string targetId, string vantageId, Columns answered, bool[] flapping, RouteOptions options, List<RouteChange> changes)
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

            var counts = new Dictionary<int, int>();
            for (var k = i; k < j; k++)
            {
                counts[answered.Sites[k]] = counts.GetValueOrDefault(answered.Sites[k]) + 1;
            }

            var codes = answered.Codes;
            var mix = counts.OrderByDescending(c => c.Value).ThenBy(c => codes[c.Key], StringComparer.Ordinal).Select(c => codes[c.Key]).ToList();
            changes.Add(new RouteChange(
                targetId,
                vantageId,
                RouteChangeKind.Flapping,
                answered.Time(i),
                i > 0 ? answered.Time(i - 1) : null,
                answered.Time(i),
                answered.Time(j - 1),
                mix[0],
                mix.Count > 1 ? mix[1] : null,
                MedianBefore(answered, i, i > 0 ? answered.Sites[i - 1] : -1, options.RttContext),
                Median(answered.Rtts[i..j]),
                j - i));
            i = j;
        }
    }

    private static void FindShifts(
        string targetId, string vantageId, Columns answered, bool[] flapping, RouteOptions options, List<RouteChange> changes, List<string> warnings)
    {
        // Runs of one site over the answers outside flapping episodes.
        var runs = new List<Run>();
        for (var k = 0; k < answered.Count; k++)
        {
            if (flapping[k])
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Site == answered.Sites[k] && runs[^1].Last == k - 1)
            {
                runs[^1] = runs[^1] with { Last = k };
            }
            else
            {
                runs.Add(new Run(answered.Sites[k], k, k));
            }
        }

        var stableIndex = runs.FindIndex(r => r.Length >= options.Persistence);
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
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{vantageId} → {targetId}: the window starts with {runs[r].Length} answer(s) from {answered.Codes[runs[r].Site]} before {answered.Codes[stable]} settles; a shift may have happened just before it"));
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

            if (run.Length >= options.Persistence)
            {
                var lastOld = LastIndexOf(answered, run.First - 1, stable);
                var lastOldTime = lastOld >= 0 ? answered.Time(lastOld) : answered.Time(run.First);
                var firstNew = answered.Time(run.First);
                changes.Add(new RouteChange(
                    targetId,
                    vantageId,
                    RouteChangeKind.Shift,
                    lastOldTime + ((firstNew - lastOldTime) / 2),
                    lastOld >= 0 ? lastOldTime : null,
                    firstNew,
                    answered.Time(run.Last),
                    answered.Codes[stable],
                    answered.Codes[run.Site],
                    MedianBefore(answered, run.First, stable, options.RttContext),
                    MedianAfter(answered, run.First, run.Site, options.RttContext),
                    run.Length));
                stable = run.Site;
            }
            else if (r == runs.Count - 1)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{vantageId} → {targetId}: the window ends with {run.Length} answer(s) from {answered.Codes[run.Site]} after {answered.Codes[stable]}; not yet a shift ({options.Persistence} needed)"));
            }
            else
            {
                changes.Add(Transient(targetId, vantageId, answered, run, stable, options));
            }
        }
    }

    private static RouteChange Transient(string targetId, string vantageId, Columns answered, Run run, int stable, RouteOptions options)
    {
        var lastOld = LastIndexOf(answered, run.First - 1, stable);
        return new RouteChange(
            targetId,
            vantageId,
            RouteChangeKind.Transient,
            answered.Time(run.First),
            lastOld >= 0 ? answered.Time(lastOld) : null,
            answered.Time(run.First),
            answered.Time(run.Last),
            answered.Codes[stable],
            answered.Codes[run.Site],
            MedianBefore(answered, run.First, stable, options.RttContext),
            Median(answered.Rtts.Slice(run.First, run.Length)),
            run.Length);
    }

    private static int Last(Columns series, int from)
    {
        for (var k = from; k >= 0; k--)
        {
            if (series.Sites[k] >= 0)
            {
                return k;
            }
        }

        return -1;
    }

    private static int LastIndexOf(Columns answered, int from, int site)
    {
        for (var k = from; k >= 0; k--)
        {
            if (answered.Sites[k] == site)
            {
                return k;
            }
        }

        return -1;
    }

    private static double? MedianBefore(Columns series, int index, int site, int count)
    {
        var rtts = new List<double>(count);
        for (var k = index - 1; k >= 0 && rtts.Count < count; k--)
        {
            if (site >= 0 && series.Sites[k] == site && !double.IsNaN(series.Rtts[k]))
            {
                rtts.Add(series.Rtts[k]);
            }
        }

        return MedianOf(rtts);
    }

    private static double? MedianAfter(Columns series, int index, int site, int count)
    {
        var rtts = new List<double>(count);
        for (var k = index; k < series.Count && rtts.Count < count; k++)
        {
            if (site >= 0 && series.Sites[k] == site && !double.IsNaN(series.Rtts[k]))
            {
                rtts.Add(series.Rtts[k]);
            }
        }

        return MedianOf(rtts);
    }

    private static double? Median(ReadOnlySpan<double> values)
    {
        var rtts = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                rtts.Add(v);
            }
        }

        return MedianOf(rtts);
    }

    private static double? MedianOf(List<double> rtts)
    {
        rtts.Sort();
        return rtts.Count == 0 ? null : Percentiles.OfSorted(rtts, 0.5);
    }

    /// <summary>A run of one site over answers First..Last (inclusive).</summary>
    private readonly record struct Run(int Site, int First, int Last)
    {
        public int Length => Last - First + 1;
    }

    /// <summary>One series' probes as columns (see the internal <c>Classify</c>).</summary>
    private readonly ref struct Columns(ReadOnlySpan<long> ticks, ReadOnlySpan<int> sites, ReadOnlySpan<double> rtts, IReadOnlyList<string> codes)
    {
        private readonly ReadOnlySpan<long> _ticks = ticks;

        public ReadOnlySpan<int> Sites { get; } = sites;

        public ReadOnlySpan<double> Rtts { get; } = rtts;

        public IReadOnlyList<string> Codes { get; } = codes;

        public int Count => Sites.Length;

        public DateTimeOffset Time(int k) => new(_ticks[k], TimeSpan.Zero);

        public string Code(int k) => Codes[Sites[k]];
    }
}
