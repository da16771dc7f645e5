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

    /// <summary>The sparkline of one row and target in <paramref name="count"/> equal time buckets over the report's probes.</summary>
    public SparkBucket[] Spark(ReportRow row, string target, int count)
    {
        var series = Content.Series;
        var buckets = new SparkBucket[count];
        if (series.FirstProbe is not { } first || series.LastProbe is not { } last)
        {
            return buckets;
        }

        var span = Math.Max(1, (last - first).Ticks + 1);
        var rtts = new List<double>[count];
        var sites = new Dictionary<string, int>?[count];
        var lost = new int[count];
        var sent = new int[count];
        foreach (var vantage in row.Vantages)
        {
            foreach (var p in series.Get(vantage, target))
            {
                var i = (int)Math.Clamp((p.At - first).Ticks * count / span, 0, count - 1);
                sent[i]++;
                if (p.RttMs is { } rtt)
                {
                    (rtts[i] ??= []).Add(rtt);
                    if (p.Site is { } s)
                    {
                        var d = sites[i] ??= new Dictionary<string, int>(StringComparer.Ordinal);
                        d[s] = d.GetValueOrDefault(s) + 1;
                    }
                }
                else
                {
                    lost[i]++;
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            var r = rtts[i];
            if (r is { Count: > 0 })
            {
                r.Sort();
                var site = sites[i]?.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
                buckets[i] = new SparkBucket(Percentiles.OfSorted(r, 0.5), Percentiles.OfSorted(r, 0.1), Percentiles.OfSorted(r, 0.9), site, lost[i], sent[i]);
            }
            else
            {
                buckets[i] = new SparkBucket(double.NaN, double.NaN, double.NaN, null, lost[i], sent[i]);
            }
        }

        return buckets;
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
        foreach (var row in Rows)
        {
            foreach (var target in Targets)
            {
                var rtts = new List<double>();
                var sent = 0;
                foreach (var vantage in row.Vantages)
                {
                    foreach (var p in Content.Series.Get(vantage, target))
                    {
                        sent++;
                        if (p.RttMs is { } rtt)
                        {
                            rtts.Add(rtt);
                        }
                    }
                }

                if (sent == 0)
                {
                    continue;
                }

                rtts.Sort();
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
                _cells[(row.Key, target)] = new GridCell(rtts.Count == 0 ? null : Percentiles.OfSorted(rtts, 0.5), sent, sent - rtts.Count, site, colour, remote, inflatedCell, colour is not null && UnknownSites.Contains(colour));
            }
        }
    }
}
