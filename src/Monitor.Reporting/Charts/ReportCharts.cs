using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Domain;
using Monitor.Reporting.Text;

using ScottPlot;
using ScottPlot.TickGenerators;

using TimeUnits = ScottPlot.TickGenerators.TimeUnits;

namespace Monitor.Reporting.Charts;

/// <summary>
/// The report's charts as ScottPlot plots, built from an analysis (and the probe series where a time
/// series is needed). Each method only draws: statistics come from the analysis. Times are UTC, written
/// ISO 8601 style: ticks <c>12:05</c> (or <c>2026-11-27</c> at midnight and for spans of days), the date
/// once in the axis label.
/// Every label passes through <see cref="SafeText.Label"/>. The caller saves or renders the plot and
/// disposes it.
/// </summary>
public static class ReportCharts
{
    private const string LatencyAxis = "RTT (ms)";
    private const string TimeAxis = "time (UTC)";

    // A line of a time chart never has more points than a page has columns: longer series are drawn
    // as the median of equal time buckets, so a report over millions of probes stays small and fast.
    private const int MaxLinePoints = 600;

    // Rows of the site timeline are drawn in at most this many equal time columns, each the site
    // (or loss) seen most in it.
    private const int MaxTimelineColumns = 800;

    /// <summary>Cumulative distribution of answered RTTs, one line per target.</summary>
    public static Plot LatencyCdf(AnalysisReport report, SeriesSet series)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot("Latency CDF per target (answered probes)");
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var target in series.Targets)
        {
            var rtts = series.Keys.Where(k => k.Target == target).SelectMany(k => series.Get(k.Vantage, k.Target))
                .Where(p => p.RttMs is not null).Select(p => p.RttMs!.Value).Order().ToArray();
            if (rtts.Length == 0)
            {
                continue;
            }

            // At most 400 points per line: quantiles keep the shape.
            var n = Math.Min(rtts.Length, 400);
            var xs = new double[n];
            var ys = new double[n];
            for (var j = 0; j < n; j++)
            {
                var q = n == 1 ? 1 : (double)j / (n - 1);
                xs[j] = rtts[(int)Math.Round(q * (rtts.Length - 1))];
                ys[j] = 100 * q;
            }

            var provider = report.TargetLatency.FirstOrDefault(l => l.TargetId == target)?.Provider;
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(i++));
            line.LineWidth = 2;
            line.LegendText = SafeText.Label(provider is { Length: > 0 } && provider != target ? $"{target} ({provider})" : target);
        }

        plot.XLabel(LatencyAxis);
        plot.YLabel("probes at or below (%)");
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>RTT over time for one target, one line per vantage point; shifts as vertical lines, outages shaded.</summary>
    public static Plot LatencyOverTime(AnalysisReport report, SeriesSet series, string targetId)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot($"Latency over time: {SafeText.Label(targetId)}");
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var outage in report.Changes.Where(c => c.TargetId == targetId && c.Kind == RouteChangeKind.Outage))
        {
            var start = outage.FirstNew ?? outage.At;
            var end = outage.End ?? start;
            var span = plot.Add.HorizontalSpan(X(start), X(end == start ? start.AddSeconds(1) : end), SitePalette.Lost);
            span.LineStyle.Width = 0;
        }

        foreach (var (vantage, _) in series.Keys.Where(k => k.Target == targetId))
        {
            var points = ChartPoints.Downsample(series.Get(vantage, targetId).Where(p => p.RttMs is not null).ToList(), MaxLinePoints);
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(points.Select(p => X(p.At)).ToArray(), points.Select(p => p.RttMs!.Value).ToArray(), palette.GetColor(i++));
            line.LineWidth = 1.5f;
            line.MarkerSize = points.Count <= 30 ? 4 : 0;
            line.LegendText = SafeText.Label(vantage);
        }

        foreach (var shift in report.Changes.Where(c => c.TargetId == targetId && c.Kind == RouteChangeKind.Shift))
        {
            var vl = plot.Add.VerticalLine(X(shift.At), 1.5f, Colors.Black, LinePattern.Dashed);
            vl.Text = SafeText.Label($"{shift.VantageId}: {shift.From} → {shift.To}", 30);
            vl.LabelFontSize = 10;
        }

        UtcTimeAxis.Apply(plot, series.Keys.Where(k => k.Target == targetId).SelectMany(k => series.Get(k.Vantage, k.Target)).Select(p => p.At), TimeAxis);
        plot.YLabel(LatencyAxis);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>A vantage point × target matrix, each cell coloured by and labelled with the dominant site.</summary>
    public static Plot CatchmentMatrix(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Catchment: dominant site per vantage point and target");
        var dominant = report.Catchment.Where(c => c.Dominant).ToList();
        var targets = dominant.Select(c => c.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
        var vantages = dominant.Select(c => c.VantageId).Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new SitePalette(report.Catchment.Select(c => c.Site));
        foreach (var c in dominant)
        {
            var x = targets.IndexOf(c.TargetId);
            var y = vantages.Count - 1 - vantages.IndexOf(c.VantageId);
            var cell = plot.Add.Rectangle(x + 0.03, x + 0.97, y + 0.05, y + 0.95);
            cell.FillColor = palette[c.Site].WithAlpha(0.75);
            cell.LineWidth = 0;
            var text = plot.Add.Text($"{SafeText.Label(c.Site, 16)} {c.Share * 100:0}%", x + 0.5, y + 0.5);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = 12;
        }

        plot.Axes.Bottom.SetTicks([.. targets.Select((_, i) => i + 0.5)], [.. targets.Select(t => SafeText.Label(t, 20))]);
        plot.Axes.Left.SetTicks([.. vantages.Select((_, i) => vantages.Count - 1 - i + 0.5)], [.. vantages.Select(v => SafeText.Label(v, 20))]);
        plot.Axes.SetLimits(0, Math.Max(1, targets.Count), 0, Math.Max(1, vantages.Count));
        plot.HideGrid();
        plot.XLabel("target");
        plot.YLabel("vantage point");
        return plot;
    }

    /// <summary>Per target, a bar split into the share of vantage points each site serves.</summary>
    public static Plot SiteShares(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Site share per target (vantage points in each catchment)");
        var targets = report.Sites.Select(s => s.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new SitePalette(report.Catchment.Select(c => c.Site));
        for (var i = 0; i < targets.Count; i++)
        {
            var y = targets.Count - 1 - i;
            double left = 0;
            foreach (var s in report.Sites.Where(s => s.TargetId == targets[i]).OrderByDescending(s => s.Share).ThenBy(s => s.Site, StringComparer.Ordinal))
            {
                var right = left + (100 * s.Share);
                var bar = plot.Add.Rectangle(left, right, y + 0.15, y + 0.85);
                bar.FillColor = palette[s.Site].WithAlpha(0.8);
                bar.LineColor = Colors.White;
                bar.LineWidth = 1;
                if (s.Share >= 0.06)
                {
                    var text = plot.Add.Text(SafeText.Label(s.Site, 12), (left + right) / 2, y + 0.5);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 11;
                }

                left = right;
            }
        }

        plot.Axes.Left.SetTicks([.. targets.Select((_, i) => targets.Count - 1 - i + 0.5)], [.. targets.Select(t => SafeText.Label(t, 20))]);
        plot.Axes.SetLimits(0, 100, 0, Math.Max(1, targets.Count));
        plot.XLabel("vantage points (%)");
        plot.HideGrid();
        return plot;
    }

    /// <summary>
    /// A world map (Natural Earth land) with vantage points (circles) and sites (triangles) by latitude and
    /// longitude, and a line from each vantage point to its dominant site, coloured by target.
    /// </summary>
    public static Plot WorldMap(AnalysisReport report, IReadOnlyList<VantagePoint> vantages, SeriesSet series)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(vantages);
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot("Vantage points, sites and catchment");
        foreach (var ring in LandOutline.Rings)
        {
            var land = plot.Add.Polygon(ring);
            land.FillColor = Color.FromHex("#e4e4e4");
            land.LineColor = Color.FromHex("#c8c8c8");
            land.LineWidth = 0.5f;
        }

        var places = vantages.Where(v => v.Latitude is not null && v.Longitude is not null).ToDictionary(v => v.Id, v => (Lon: v.Longitude!.Value, Lat: v.Latitude!.Value), StringComparer.Ordinal);
        var palette = new ScottPlot.Palettes.Category10();
        var targets = report.Catchment.Select(c => c.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
        var legend = new List<LegendItem>();
        for (var t = 0; t < targets.Count; t++)
        {
            var color = palette.GetColor(t);
            legend.Add(new LegendItem { LabelText = SafeText.Label(targets[t], 24), LineColor = color, LineWidth = 2 });
            foreach (var c in report.Catchment.Where(c => c.Dominant && c.TargetId == targets[t]))
            {
                if (places.TryGetValue(c.VantageId, out var vp) && series.Sites.TryGetValue(c.Site, out var site) && site.Latitude is { } lat && site.Longitude is { } lon)
                {
                    var line = plot.Add.Line(vp.Lon, vp.Lat, lon, lat);
                    line.LineColor = color.WithAlpha(0.7);
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 0;
                }
            }
        }

        foreach (var site in series.Sites.Values.Where(s => s.Latitude is not null && s.Longitude is not null))
        {
            plot.Add.Marker(site.Longitude!.Value, site.Latitude!.Value, MarkerShape.FilledTriangleUp, 9, Color.FromHex("#444444"));
            var text = plot.Add.Text(SafeText.Label(site.Code, 12), site.Longitude.Value, site.Latitude.Value);
            text.LabelFontSize = 9;
            text.LabelFontColor = Color.FromHex("#444444");
            text.LabelAlignment = Alignment.UpperLeft;
            text.OffsetX = 4;
        }

        foreach (var (id, (lon, lat)) in places)
        {
            plot.Add.Marker(lon, lat, MarkerShape.FilledCircle, 8, Color.FromHex("#1f3b73"));
            var text = plot.Add.Text(SafeText.Label(id, 16), lon, lat);
            text.LabelFontSize = 9;
            text.LabelBold = true;
            text.LabelFontColor = Color.FromHex("#1f3b73");
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 4;
        }

        legend.Add(new LegendItem { LabelText = "vantage point", MarkerShape = MarkerShape.FilledCircle, MarkerColor = Color.FromHex("#1f3b73"), MarkerSize = 8 });
        legend.Add(new LegendItem { LabelText = "site", MarkerShape = MarkerShape.FilledTriangleUp, MarkerColor = Color.FromHex("#444444"), MarkerSize = 9 });
        plot.ShowLegend(legend, Alignment.LowerLeft);
        plot.Axes.SetLimits(-180, 180, -60, 85);
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.XLabel("longitude (°)");
        plot.YLabel("latitude (°)");
        return plot;
    }

    /// <summary>One row per vantage point, coloured by the site that answered over time (red: no answer).</summary>
    public static Plot ShiftTimeline(AnalysisReport report, SeriesSet series, string targetId)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot($"Sites over time: {SafeText.Label(targetId)}");
        var vantages = series.Keys.Where(k => k.Target == targetId).Select(k => k.Vantage).ToList();
        var palette = new SitePalette(series.Sites.Keys);
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var anyLost = false;
        for (var row = 0; row < vantages.Count; row++)
        {
            var y = vantages.Count - 1 - row;
            var points = ChartPoints.Columns(series.Get(vantages[row], targetId), MaxTimelineColumns);
            var start = 0;
            for (var i = 1; i <= points.Count; i++)
            {
                if (i < points.Count && points[i].Site == points[start].Site)
                {
                    continue;
                }

                // A run [start, i) lasts until the next probe (or one typical gap past the last).
                var from = points[start].At;
                var to = i < points.Count ? points[i].At : points[i - 1].At + (series.TypicalInterval ?? TimeSpan.FromSeconds(1));
                var site = points[start].Site;
                var bar = plot.Add.Rectangle(X(from), X(to), y + 0.15, y + 0.85);
                bar.FillColor = site is null ? SitePalette.Lost.WithAlpha(0.9) : palette[site];
                bar.LineWidth = 0;
                if (site is null)
                {
                    anyLost = true;
                }
                else
                {
                    used.Add(site);
                }

                start = i;
            }
        }

        var legend = used.Select(s => new LegendItem { LabelText = SafeText.Label(s, 20), FillColor = palette[s] }).ToList();
        if (anyLost)
        {
            legend.Add(new LegendItem { LabelText = "no answer", FillColor = SitePalette.Lost.WithAlpha(0.9) });
        }

        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        UtcTimeAxis.Apply(plot, vantages.SelectMany(v => series.Get(v, targetId)).Select(p => p.At), TimeAxis);
        plot.Axes.Left.SetTicks([.. vantages.Select((_, i) => vantages.Count - 1 - i + 0.5)], [.. vantages.Select(v => SafeText.Label(v, 20))]);
        plot.Axes.SetLimitsY(0, Math.Max(1, vantages.Count));
        plot.HideGrid();
        return plot;
    }

    /// <summary>
    /// Failover gaps, one bar per vantage point, grouped by event: failovers of one target whose last
    /// good answers lie within <paramref name="eventGap"/> of each other are one event, drawn in one colour.
    /// </summary>
    public static Plot FailoverGaps(AnalysisReport report, TimeSpan eventGap)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Failover gaps per event (last good answer to first good answer)");
        var events = ChartPoints.FailoverEvents(report.Failovers, eventGap);
        var palette = new SitePalette(events.Select((_, i) => i.ToString(CultureInfo.InvariantCulture)));
        var x = 0.0;
        var ticks = new List<(double X, string Label)>();
        var legend = new List<LegendItem>();
        for (var e = 0; e < events.Count; e++)
        {
            var color = palette[e.ToString(CultureInfo.InvariantCulture)];
            foreach (var f in events[e].OrderBy(f => f.GapMs))
            {
                var bar = plot.Add.Rectangle(x - 0.4, x + 0.4, 0, f.GapMs);
                bar.FillColor = color;
                bar.LineWidth = 0;
                ticks.Add((x, SafeText.Label(f.VantageId, 14)));
                x += 1;
            }

            var first = events[e][0];
            legend.Add(new LegendItem { LabelText = $"{SafeText.Label(first.TargetId, 16)} {first.LastOk.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z {SafeText.Label(first.From, 8)}→{SafeText.Label(first.To, 8)}", FillColor = color });
            x += 0.8;
        }

        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.X)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = ticks.Count > 8 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ticks.Count > 8 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("gap (ms)");
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

    private static double X(DateTimeOffset instant) => instant.UtcDateTime.ToOADate();
}
