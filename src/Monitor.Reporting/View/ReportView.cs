using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Reporting.Charts;
using Monitor.Reporting.Text;

namespace Monitor.Reporting.View;

/// <summary>
/// What every page of a report shares, computed once: the rows (vantage points, or groups of them when
/// there are many), the targets in column order, the grid's cells, one colour per site, and the
/// sparkline buckets. The PDF and the HTML draw from it, so both say the same.
/// </summary>
internal sealed class ReportView
{
    /// <summary>Above this many vantage points the report groups them by country (then continent).</summary>
    public const int MaxVantageRows = 60;

    /// <summary>Above this many countries the automatic grouping is by continent.</summary>
    public const int MaxCountryRows = 60;

    /// <summary>What a sparkline bucket draws: the 10th percentile, the median and the 90th.</summary>
    private static readonly double[] Spread = [0.1, 0.5, 0.9];

    private readonly Dictionary<(string Row, string Target), GridCell> _cells = [];
    private readonly Dictionary<string, VantagePoint> _vantages;

    public ReportView(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        var a = content.Analysis;
        _vantages = content.Vantages.GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = content.Series.Keys.Select(k => k.Vantage).Concat(a.Latency.Select(l => l.VantageId).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        VantageCount = seen.Count;
        Grouping = a.Grouped?.Grouping ?? AutoGrouping(seen);
        GroupedAutomatically = a.Grouped is null && Grouping != VantageGrouping.Vantage;
        Rows = BuildRows(seen);
        Targets = [.. a.TargetLatency.Select(t => t.TargetId).Concat(content.Series.Targets).Distinct(StringComparer.Ordinal)];
        Providers = a.TargetLatency.GroupBy(t => t.TargetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Provider, StringComparer.Ordinal);

        // Sites weighted by the vantage points they serve: the biggest get the most distinct colours.
        var unknown = content.Series.Sites.Values.Where(s => !s.Parsed).Select(s => s.Code)
            .Concat(a.SiteIdentifications.Where(kv => kv.Value.Confidence == SiteConfidence.Unknown).Select(kv => kv.Key))
            .ToHashSet(StringComparer.Ordinal);
        var weights = a.Catchment.Where(c => c.Dominant).GroupBy(c => c.Site, StringComparer.Ordinal)
            .Select(g => (Site: g.Key, Count: g.Count()))
            .Concat(content.Series.Sites.Keys.Select(s => (Site: s, Count: 0)))
            .GroupBy(x => x.Site, StringComparer.Ordinal).Select(g => (Site: g.Key, Count: g.Sum(x => x.Count)))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Site, StringComparer.Ordinal).Select(x => x.Site).ToList();
        Palette = new SitePalette(weights, unknown);
        UnknownSites = unknown;
        BuildCells();
    }

    public ReportContent Content { get; }

    public AnalysisReport Analysis => Content.Analysis;

    /// <summary>Vantage points with data.</summary>
    public int VantageCount { get; }

    /// <summary>How rows group vantage points.</summary>
    public VantageGrouping Grouping { get; }

    /// <summary>True when the report chose the grouping itself (many vantage points, no <c>--group-by</c>).</summary>
    public bool GroupedAutomatically { get; }

    public IReadOnlyList<ReportRow> Rows { get; }

    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyDictionary<string, string> Providers { get; }

    public SitePalette Palette { get; }

    public IReadOnlySet<string> UnknownSites { get; }

    /// <summary>The row word: "vantage point", "country", "continent" or "AS".</summary>
    public string RowWord => Grouping switch
    {
        VantageGrouping.Vantage => "vantage point",
        VantageGrouping.Asn => "AS",
        _ => VantageGroups.Name(Grouping),
    };

    /// <summary>"1 country", "3 countries", "2 ASes", "5 vantage points".</summary>
    public string RowCount(int n) => $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? RowWord : RowWord switch
    {
        "country" => "countries",
        "AS" => "ASes",
        _ => RowWord + "s",
    })}";

    /// <summary>"1 target", "13 targets" and the like.</summary>
    public static string Count(int n, string word, string? plural = null) =>
        $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? word : plural ?? word + "s")}";

    public GridCell? Cell(string row, string target) => _cells.GetValueOrDefault((row, target));

    public VantagePoint? Vantage(string id) => _vantages.GetValueOrDefault(id);

    /// <summary>"vp-ams (Amsterdam, NL)", or the id alone when its place is unknown.</summary>
    public string Place(string vantageId)
    {
        var where = Where(Vantage(vantageId)?.City, Vantage(vantageId)?.Country);
        return where.Length == 0 ? SafeText.Label(vantageId) : $"{SafeText.Label(vantageId)} ({where})";
    }

    /// <summary>"Amsterdam, NL" (safe text), the parts that are known; empty when neither is.</summary>
    public static string Where(string? city, string? country) =>
        string.Join(", ", new[] { city, country }.Where(s => !string.IsNullOrEmpty(s)).Select(s => SafeText.Label(s, 30)));

    /// <summary>A target's column heading: the id, and the provider when it says more.</summary>
    public string TargetLabel(string target) =>
        Providers.TryGetValue(target, out var p) && p.Length > 0 && !string.Equals(p, target, StringComparison.OrdinalIgnoreCase) ? $"{target} ({p})" : target;

    /// <summary>
    /// The sparkline of one row and target in <paramref name="count"/> equal time buckets over the report's probes
    /// (the caller picks about one per drawn point, so the cost is one pass over the probes whatever their number):
    /// per bucket the exact median, 10th and 90th percentile of the answered RTTs, the site seen most, the losses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SparkBucket[] Spark(ReportRow row, string target, int count)
    {
        var series = Content.Series;
        var buckets = new SparkBucket[count];
        if (series.FirstProbe is not { } first || series.LastProbe is not { } last)
        {
            return buckets;
        }

        var span = Math.Max(1, (last - first).Ticks + 1);
        var origin = first.UtcTicks;
        var columns = row.Vantages.Select(v => series.Columns(v, target)).OfType<SeriesColumns>().ToList();

        // Bucket i holds the probes at most bounds[i] ticks past the first: a series in time order walks
        // them forward, with no division per probe.
        var bounds = new long[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = i == count - 1 ? long.MaxValue : ((((long)i + 1) * span) + count - 1) / count;
        }

        // First pass: how many answered RTTs fall in each bucket, sent, lost and the sites (counted by runs);
        // second: the RTTs laid out bucket by bucket.
        var answered = new int[count + 1];
        var lost = new int[count];
        var sent = new int[count];
        var sites = new Dictionary<int, int>?[count];
        foreach (var c in columns)
        {
            var ticks = c.Ticks;
            var rtts = c.Rtts;
            var siteOf = c.Sites;
            var i = 0;
            int runBucket = 0, runSite = -1, run = 0;
            for (var j = 0; j < ticks.Length; j++)
            {
                while (ticks[j] - origin >= bounds[i])
                {
                    i++;
                }

                sent[i]++;
                if (double.IsNaN(rtts[j]))
                {
                    lost[i]++;
                    continue;
                }

                answered[i + 1]++;
                if (siteOf[j] >= 0)
                {
                    if (siteOf[j] != runSite || i != runBucket)
                    {
                        Count(sites, runBucket, runSite, run);
                        (runBucket, runSite, run) = (i, siteOf[j], 0);
                    }

                    run++;
                }
            }

            Count(sites, runBucket, runSite, run);
        }

        for (var i = 0; i < count; i++)
        {
            answered[i + 1] += answered[i];
        }

        var values = new double[answered[count]];
        var fill = answered[..count];
        foreach (var c in columns)
        {
            var ticks = c.Ticks;
            var rtts = c.Rtts;
            var i = 0;
            for (var j = 0; j < ticks.Length; j++)
            {
                while (ticks[j] - origin >= bounds[i])
                {
                    i++;
                }

                if (!double.IsNaN(rtts[j]))
                {
                    values[fill[i]++] = rtts[j];
                }
            }
        }

        Span<double> q = stackalloc double[3];
        for (var i = 0; i < count; i++)
        {
            var r = values.AsSpan(answered[i], answered[i + 1] - answered[i]);
            if (r.Length > 0)
            {
                var site = sites[i]?.Select(kv => (Code: series.SiteCode(kv.Key), Count: kv.Value))
                    .OrderByDescending(x => x.Count).ThenBy(x => x.Code, StringComparer.Ordinal).First().Code;
                Selection.Quantiles(r, Spread, q);
                buckets[i] = new SparkBucket(q[1], q[0], q[2], site, lost[i], sent[i]);
            }
            else
            {
                buckets[i] = new SparkBucket(double.NaN, double.NaN, double.NaN, null, lost[i], sent[i]);
            }
        }

        return buckets;
    }

    private static void Count(Dictionary<int, int>?[] sites, int bucket, int site, int run)
    {
        if (run > 0)
        {
            var d = sites[bucket] ??= [];
            d[site] = d.GetValueOrDefault(site) + run;
        }
    }

    /// <summary>The continent of a site's country, or null.</summary>
    public string? SiteContinent(string site) =>
        Content.Series.Sites.TryGetValue(site, out var s) ? Continents.Default.Of(s.Country) : null;

    private VantageGrouping AutoGrouping(IReadOnlyList<string> vantages)
    {
        if (vantages.Count <= MaxVantageRows)
        {
            return VantageGrouping.Vantage;
        }

        var countries = vantages.Select(v => VantageGroups.Of(VantageGrouping.Country, v, Vantage(v))).Distinct(StringComparer.Ordinal).Count();
        return countries <= MaxCountryRows ? VantageGrouping.Country : VantageGrouping.Continent;
    }

    private List<ReportRow> BuildRows(IReadOnlyList<string> vantages)
    {
        if (Grouping == VantageGrouping.Vantage)
        {
            return [.. vantages.Select(v => new ReportRow(v, Place(v), Continents.Default.Of(Vantage(v)?.Country), [v]))];
        }

        return [.. vantages.GroupBy(v => VantageGroups.Of(Grouping, v, Vantage(v)), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var continent = Grouping switch
                {
                    VantageGrouping.Continent => g.Key == VantageGroups.Unknown ? null : g.Key,
                    VantageGrouping.Country => Continents.Default.Of(g.Key),
                    _ => null,
                };
                var label = $"{SafeText.Label(g.Key, 24)} ({g.Count()} VP{(g.Count() == 1 ? string.Empty : "s")})";
                return new ReportRow(g.Key, label, continent, [.. g]);
            })];
    }

    private void BuildCells()
    {
        var a = Analysis;
        var dominant = a.Catchment.Where(c => c.Dominant).ToDictionary(c => (c.TargetId, c.VantageId), c => c.Site);
        var shifts = a.Changes.Where(c => c.Kind == RouteChangeKind.Shift).GroupBy(c => (c.TargetId, c.VantageId))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ToList());
        var inflated = a.Inflation.Where(i => !i.OnNearest && i.InflationMs > Math.Max(5, 0.2 * i.BestRttMs)).Select(i => (i.TargetId, i.VantageId)).ToHashSet();
        // Rows on every core: each cell's median is a selection over its probes.
        var byRow = new List<(string Target, GridCell Cell)>[Rows.Count];
        Parallel.For(
            0,
            Rows.Count,
            () => Array.Empty<double>(),
            (r, _, buffer) =>
            {
                byRow[r] = Row(Rows[r], ref buffer);
                return buffer;
            },
            _ => { });
        for (var r = 0; r < Rows.Count; r++)
        {
            foreach (var (target, cell) in byRow[r])
            {
                _cells[(Rows[r].Key, target)] = cell;
            }
        }

        List<(string Target, GridCell Cell)> Row(ReportRow row, ref double[] buffer)
        {
            var cells = new List<(string Target, GridCell Cell)>();
            foreach (var target in Targets)
            {
                var columns = row.Vantages.Select(v => Content.Series.Columns(v, target)).OfType<SeriesColumns>().ToList();
                var sent = columns.Sum(c => c.Count);
                if (sent == 0)
                {
                    continue;
                }

                var answered = columns.Sum(c => c.Answered);
                if (buffer.Length < answered)
                {
                    buffer = new double[answered];
                }

                var rtts = buffer.AsSpan(0, answered);
                var n = 0;
                foreach (var c in columns)
                {
                    foreach (var rtt in c.Rtts)
                    {
                        if (!double.IsNaN(rtt))
                        {
                            rtts[n++] = rtt;
                        }
                    }
                }

                string site;
                string? colour;
                if (row.Vantages.Count == 1)
                {
                    var key = (target, row.Vantages[0]);
                    var d = dominant.GetValueOrDefault(key);
                    if (shifts.TryGetValue(key, out var moved) && moved[0].From is { } from && moved[^1].To is { } to && from != to)
                    {
                        site = $"{SafeText.Label(from, 12)}→{SafeText.Label(to, 12)}";
                        colour = to;
                    }
                    else
                    {
                        site = d is null ? "-" : SafeText.Label(d, 16);
                        colour = d;
                    }
                }
                else
                {
                    var counts = row.Vantages.Select(v => dominant.GetValueOrDefault((target, v))).OfType<string>()
                        .GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                    colour = counts.FirstOrDefault()?.Key;
                    site = colour is null ? "-" : counts.Count == 1 ? SafeText.Label(colour, 16) : $"{SafeText.Label(colour, 12)}+{counts.Count - 1}";
                }

                var remote = colour is not null && row.Continent is { } rc && SiteContinent(colour) is { } sc && rc != sc;
                var inflatedCell = row.Vantages.Any(v => inflated.Contains((target, v)));
                var median = rtts.Length == 0 ? (double?)null : Selection.Quantile(rtts, 0.5);
                cells.Add((target, new GridCell(median, sent, sent - rtts.Length, site, colour, remote, inflatedCell, colour is not null && UnknownSites.Contains(colour))));
            }

            return cells;
        }
    }
}
