using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Text;
using Monitor.Reporting.Text;
using Monitor.Reporting.View;

using ScottPlot;

namespace Monitor.Reporting.Charts;

/// <summary>
/// The report's ScottPlot charts, built from an analysis and its probe series. Each method only draws:
/// statistics come from the analysis. Sites take their colour from the report's one
/// <see cref="SitePalette"/>. Every label passes through <see cref="SafeText.Label"/>. The caller
/// renders the plot once (<see cref="ReportChart.FromPlot"/>) and it is disposed there.
/// </summary>
internal static class ReportCharts
{
    // Providers are not sites: their lines are black and greys in four patterns, named at the line's end.
    private static readonly Color[] ProviderShades = [Color.FromHex("#000000"), Color.FromHex("#666666"), Color.FromHex("#9A9A9A")];
    private static readonly LinePattern[] ProviderPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly double[] LogTicks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    /// <summary>At most this many providers get a line in the CDF (the most measured).</summary>
    public const int MaxCdfLines = 12;

    /// <summary>Up to this many CDF lines the legend sits inside the plot (lower right); above, beside it.</summary>
    private const int MaxLegendInside = 4;

    /// <summary>Cumulative distribution of answered RTTs per provider (every vantage point's probes), on a log RTT axis.</summary>
    public static Plot LatencyCdf(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var plot = NewPlot("Latency CDF per provider");
        var byProvider = view.Targets.GroupBy(t => view.Providers.GetValueOrDefault(t, t), StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Series: Columns(view, g, null)))
            .Select(x => (x.Label, x.Series, Count: x.Series.Sum(c => (long)c.Positive)))
            .Where(x => x.Count > 0).OrderByDescending(x => x.Count).ThenBy(x => x.Label, StringComparer.Ordinal).Take(MaxCdfLines)
            .Select(x => (x.Label, Rtts: RttDistribution.Of(x.Series))).ToList();
        return CdfLines(plot, byProvider, 24);
    }

    /// <summary>The providers that get a chart of their own in <see cref="LatencyCdfPerRow"/>: those with answers, most measured first.</summary>
    public static IReadOnlyList<string> CdfProviders(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Targets.GroupBy(t => view.Providers.GetValueOrDefault(t, t), StringComparer.Ordinal)
            .Select(g => (Provider: g.Key, Answered: Columns(view, g, null).Sum(c => (long)c.Positive)))
            .Where(x => x.Answered > 0).OrderByDescending(x => x.Answered).ThenBy(x => x.Provider, StringComparer.Ordinal).Select(x => x.Provider)];
    }

    /// <summary>
    /// One provider's RTT distribution, one line per row of the report (a vantage point, or a group of
    /// them when the report groups), on a log RTT axis. With more rows than <see cref="MaxCdfLines"/>,
    /// the rows with the most answers get a line each and the rest are pooled into one "others" line,
    /// so the legend never has more than <see cref="MaxCdfLines"/> entries.
    /// </summary>
    public static Plot LatencyCdfPerRow(ReportView view, string provider)
    {
        ArgumentNullException.ThrowIfNull(view);
        var targets = view.Targets.Where(t => string.Equals(view.Providers.GetValueOrDefault(t, t), provider, StringComparison.Ordinal)).ToList();
        var plot = NewPlot($"Latency CDF of {SafeText.Label(provider, 24)} per {view.RowWord}");
        var rows = view.Rows.Select(r => (Row: r, Series: Columns(view, targets, r.Vantages)))
            .Select(x => (x.Row, x.Series, Count: x.Series.Sum(c => (long)c.Positive)))
            .Where(x => x.Count > 0).OrderByDescending(x => x.Count).ThenBy(x => x.Row.Key, StringComparer.Ordinal).ToList();
        var lines = rows.Count <= MaxCdfLines
            ? rows.Select(x => (Label: x.Row.Key, Rtts: RttDistribution.Of(x.Series))).ToList()
            : [.. rows.Take(MaxCdfLines - 1).Select(x => (Label: x.Row.Key, Rtts: RttDistribution.Of(x.Series))),
                (Label: "others: " + view.RowCount(rows.Count - (MaxCdfLines - 1)), Rtts: RttDistribution.Of([.. rows.Skip(MaxCdfLines - 1).SelectMany(x => x.Series)]))];
        return CdfLines(plot, lines, 28);
    }

    /// <summary>The series of the targets, from the vantage points named (every one when null).</summary>
    private static List<SeriesColumns> Columns(ReportView view, IEnumerable<string> targets, IReadOnlyList<string>? vantages)
    {
        var series = view.Content.Series;
        var keep = vantages is null ? null : new HashSet<string>(vantages, StringComparer.Ordinal);
        var wanted = new HashSet<string>(targets, StringComparer.Ordinal);
        return [.. series.Keys.Where(k => wanted.Contains(k.Target) && (keep is null || keep.Contains(k.Vantage)))
            .Select(k => series.Columns(k.Vantage, k.Target)).OfType<SeriesColumns>()];
    }

    /// <summary>Draws one CDF line per entry (black and greys in four patterns: lines are not sites), log RTT axis.</summary>
    private static Plot CdfLines(Plot plot, IReadOnlyList<(string Label, RttDistribution Rtts)> lines, int labelLength)
    {
        double min = double.MaxValue, max = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            // At most 400 points a line (about one per pixel column of the plot), whatever the number of probes.
            var rtts = lines[i].Rtts;
            var n = (int)Math.Min(rtts.Count, 400);
            var xs = new double[n];
            var ys = new double[n];
            for (var j = 0; j < n; j++)
            {
                var q = n == 1 ? 1 : (double)j / (n - 1);
                xs[j] = Math.Log10(rtts.AtRank((long)Math.Round(q * (rtts.Count - 1))));
                ys[j] = 100 * q;
            }

            min = Math.Min(min, rtts.Min);
            max = Math.Max(max, rtts.Max);
            var line = plot.Add.ScatterLine(xs, ys, ProviderShades[i % ProviderShades.Length]);
            line.LineWidth = 2;
            line.LinePattern = ProviderPatterns[(i / ProviderShades.Length) % ProviderPatterns.Length];
            line.LegendText = $"{SafeText.Label(lines[i].Label, labelLength)} (p50 {rtts.Median.ToString("0.0", CultureInfo.InvariantCulture)} ms, n={rtts.Count.ToString(CultureInfo.InvariantCulture)})";
        }

        if (lines.Count == 0)
        {
            plot.Add.Annotation("no answered probes in the window");
            return plot;
        }

        var low = Math.Floor(Math.Log10(min));
        var high = Math.Ceiling(Math.Log10(max) * 10) / 10;
        var ticks = LogTicks.Where(t => Math.Log10(t) >= low - 1e-9 && Math.Log10(t) <= high + 1e-9).ToList();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(Math.Log10)], [.. ticks.Select(t => t.ToString("0.#", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(low, Math.Max(high, low + 1), 0, 100);
        plot.XLabel("RTT of answered probes (ms, log scale)");
        plot.YLabel("probes at or below (%)");
        // A few lines: the legend in the lower right corner, which a CDF rising to the right leaves empty;
        // more: outside the plot, on its right, where up to 12 entries cannot hide the lines they name.
        if (lines.Count <= MaxLegendInside)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }

    /// <summary>Per target, a bar split into the share of vantage points each site serves, labelled where the bar is wide enough.</summary>
    public static Plot SiteShares(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = view.Analysis;
        var plot = NewPlot("Site share per target (vantage points in each catchment)");
        var targets = view.Targets.Where(t => report.Sites.Any(s => s.TargetId == t)).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            var y = targets.Count - 1 - i;
            double left = 0;
            foreach (var s in report.Sites.Where(s => s.TargetId == targets[i]).OrderByDescending(s => s.Share).ThenBy(s => s.Site, StringComparer.Ordinal))
            {
                var right = left + (100 * s.Share);
                var bar = plot.Add.Rectangle(left, right, y + 0.15, y + 0.85);
                bar.FillColor = view.Palette[s.Site];
                bar.LineColor = Colors.White;
                bar.LineWidth = 1;
                var code = SafeText.Label(s.Site, 16);

                // About 1.1 % of the width per character at this size: a label only where it fits whole.
                if ((right - left) > (code.Length * 1.1) + 1)
                {
                    var text = plot.Add.Text(code, (left + right) / 2, y + 0.5);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 10;
                    text.LabelFontColor = HeatScale.Dark(view.Palette[s.Site]) ? Colors.White : Colors.Black;
                }

                left = right;
            }
        }

        plot.Axes.Left.SetTicks([.. targets.Select((_, i) => targets.Count - 1 - i + 0.5)], [.. targets.Select(t => SafeText.Label(t, 20))]);
        plot.Axes.SetLimits(0, 100, 0, Math.Max(1, targets.Count));
        plot.XLabel("vantage points (%); sites too narrow for a label are named in the grid");
        plot.HideGrid();
        return plot;
    }

    /// <summary>
    /// Failovers (answers came back from another site) as gaps in seconds, one bar per vantage point,
    /// grouped by event: failovers of one target within <paramref name="eventGap"/> of each other.
    /// Outages (back on the same site) are not failovers and are not drawn here.
    /// </summary>
    public static Plot FailoverGaps(AnalysisReport report, TimeSpan eventGap)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Short: ScottPlot centres the title over the data area, which the legend on the right narrows.
        var plot = NewPlot("Failover gap until another site answered");
        var events = ChartPoints.FailoverEvents(report.Failovers, eventGap);
        var shades = new[] { Color.FromHex("#555555"), Color.FromHex("#999999") };
        var x = 0.0;
        var ticks = new List<(double X, string Label)>();
        var legend = new List<LegendItem>();
        for (var e = 0; e < events.Count && legend.Count < 12; e++)
        {
            var color = shades[e % shades.Length];
            foreach (var f in events[e].OrderBy(f => f.GapMs))
            {
                var bar = plot.Add.Rectangle(x - 0.4, x + 0.4, 0, f.GapMs / 1000);
                bar.FillColor = color;
                bar.LineWidth = 0;
                ticks.Add((x, SafeText.Label(f.VantageId, 14)));
                x += 1;
            }

            var first = events[e][0];
            legend.Add(new LegendItem { LabelText = $"{SafeText.Label(first.TargetId, 16)} {OutputWords.UtcSeconds(first.LastOk)} {SafeText.Label(first.From, 10)}→{SafeText.Label(first.To, 10)}", FillColor = color });
            x += 0.8;
        }

        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.X)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = ticks.Count > 8 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ticks.Count > 8 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("gap (s)");
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        if (ticks.Count == 0)
        {
            plot.Add.Annotation("no failovers in the window");
        }

        return plot;
    }

    private static Plot NewPlot(string title)
    {
        ReportFonts.Register();
        var plot = new Plot();
        plot.Title(title, 16);
        return plot;
    }
}
