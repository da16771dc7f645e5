using System.Globalization;

using Monitor.Core.Text;
using Monitor.Reporting.View;

using SkiaSharp;

namespace Monitor.Reporting.Charts;

/// <summary>
/// Small multiples: one row per vantage point (or group), one sparkline per target. Each sparkline is
/// the median RTT per time bucket drawn in the colour of the site that served it, a SmokePing-style band
/// from the 10th to the 90th percentile (the same colour, faint), and black ticks along the bottom where probes got no answer.
/// Every sparkline shares one logarithmic RTT axis, so a 5 ms shift at 3 ms is as visible as one at 150 ms.
/// </summary>
internal static class SmallMultiples
{
    /// <summary>The smallest row height; rows grow up to <see cref="MaxRowHeight"/> when few fill the page.</summary>
    public const float RowHeight = 20;
    private const float MaxRowHeight = 44;
    private const float HeaderHeight = 26;
    private const float HeadingSize = 6.5f;
    private const float ProviderSize = 6f;
    private const float MaxHeadingLength = 90;
    private const float KeyHeight = 14;
    private const float LegendHeight = 26;
    private const float TimeHeight = 9;
    private const float TimeSize = 5;
    private const float LabelWidth = 92;
    private const int MaxLegendSites = 10;

    /// <summary>The smallest size a column heading is drawn at (headings of narrow columns are turned upright instead of shrunk).</summary>
    public const float MinHeadingSize = 6f;

    /// <summary>The height of a chart with <paramref name="rows"/> rows of <paramref name="rowHeight"/> under headings <paramref name="header"/> high.</summary>
    public static float Height(int rows, float rowHeight, float header) => KeyHeight + header + (rows * rowHeight) + LegendHeight + TimeHeight;

    /// <summary>Row height for <paramref name="rows"/> rows on a page with <paramref name="room"/> points: taller when few.</summary>
    public static float RowHeightFor(int rows, float room, float header) =>
        Math.Clamp((room - KeyHeight - header - LegendHeight - TimeHeight) / Math.Max(1, rows), RowHeight, MaxRowHeight);

    /// <summary>How many rows fit in <paramref name="height"/> points under headings <paramref name="header"/> high.</summary>
    public static int RowsIn(float height, float header) => Math.Max(1, (int)((height - KeyHeight - header - LegendHeight - TimeHeight) / RowHeight));

    /// <summary>
    /// How the column headings (the target, under it the provider when it differs) are set for a chart
    /// <paramref name="width"/> wide: across their column when each fits at its size, else turned upright
    /// (reading upwards) at the same size, in one line when two do not fit side by side.
    /// </summary>
    public static ColumnHeadings Headings(ReportView view, float width)
    {
        ArgumentNullException.ThrowIfNull(view);
        var targets = view.Targets;
        var cellWidth = ColumnWidth(width, targets.Count);
        var fits = targets.All(t => ChartText.Measure(t, HeadingSize, bold: true) <= (cellWidth - 2) * 0.96f
            && (Provider(view, t) is not { } p || ChartText.Measure(p, ProviderSize) <= (cellWidth - 2) * 0.96f));
        if (fits)
        {
            return new ColumnHeadings(false, true, HeaderHeight);
        }

        // Upright: the lines stand side by side in the column, so two need the height of both fonts.
        var twoLines = LineHeight(HeadingSize, true) + LineHeight(ProviderSize, false) + 1 <= cellWidth - 2;
        var longest = targets.Max(t => HeadingLength(view, t, twoLines));
        return new ColumnHeadings(true, twoLines, Math.Min(longest, MaxHeadingLength) + 6);
    }

    /// <summary>The width of a target's column.</summary>
    public static float ColumnWidth(float width, int targets) => (width - LabelWidth) / Math.Max(1, targets);

    /// <summary>The shared RTT axis: from a power of ten at or below the smallest 10th percentile to a 1-2-5 step above the largest 90th.</summary>
    public static (double Low, double High) Axis(ReportView view)
    {
        var low = double.MaxValue;
        var high = 0.0;
        foreach (var row in view.Analysis.Latency)
        {
            if (row.Latency.MinMs is { } min)
            {
                low = Math.Min(low, Math.Max(0.01, min));
            }

            if (row.Latency.P95Ms is { } p)
            {
                high = Math.Max(high, p);
            }
        }

        if (high <= 0)
        {
            return (1, 10);
        }

        var lo = Math.Pow(10, Math.Floor(Math.Log10(Math.Min(low, high))));
        var hi = Nice(Math.Max(high, lo * 10));
        return (lo, hi);
    }

    public static ReportChart Render(ReportView view, IReadOnlyList<ReportRow> rows, int number, float width, float room)
    {
        var (low, high) = Axis(view);
        var headings = Headings(view, width);
        var header = headings.Height;
        var rowHeight = RowHeightFor(rows.Count, room, header);
        var title = $"Small multiples {number.ToString(CultureInfo.InvariantCulture)}: RTT over time per {view.RowWord} and target";
        return ReportChart.Draw($"small-multiples-{number.ToString(CultureInfo.InvariantCulture)}", title, width, Height(rows.Count, rowHeight, header), canvas =>
        {
            var targets = view.Targets;
            var cellWidth = ColumnWidth(width, targets.Count);
            var grey = new SKColor(0x44, 0x44, 0x44);
            ChartText.Draw(canvas, $"RTT per target, log axis {Ms(low)}–{Ms(high)} ms (faint lines at each power of ten); band: 10th–90th percentile; line and band colour: serving site; black ticks: probes without an answer.", 0, 9, 6.5f, grey, width: width);
            DrawHeadings(canvas, view, headings, cellWidth, grey);

            using var frame = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD), Style = SKPaintStyle.Stroke, StrokeWidth = 0.4f, IsAntialias = true };
            using var decade = new SKPaint { Color = new SKColor(0xEE, 0xEE, 0xEE), Style = SKPaintStyle.Stroke, StrokeWidth = 0.3f, IsAntialias = true };
            using var band = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            using var line = new SKPaint { StrokeWidth = 1.1f, Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
            using var tick = new SKPaint { Color = ChartText.Sk(SitePalette.Lost), StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke, IsAntialias = true };
            // No more buckets than a series has probes: an empty bucket would break the line.
            var series = view.Content.Series;
            var probes = series is { TypicalInterval: { } gap, FirstProbe: { } f, LastProbe: { } l } && gap > TimeSpan.Zero ? (int)((l - f) / gap) + 1 : 12;
            var buckets = Math.Clamp(Math.Min((int)(cellWidth / 1.2f), probes), 12, 120);
            // Every cell's frame and power-of-ten lines first, as one path each, under the sparklines.
            using (var frames = new SKPath())
            using (var decades = new SKPath())
            {
                for (var r = 0; r < rows.Count; r++)
                {
                    for (var t = 0; t < targets.Count; t++)
                    {
                        var (left, y0, w, h) = Cell(r, t, cellWidth, rowHeight, header);
                        frames.AddRect(SKRect.Create(left, y0, w, h));
                        for (var d = low * 10; d < high; d *= 10)
                        {
                            var dy = Y(d, low, high, y0, h);
                            decades.MoveTo(left, dy);
                            decades.LineTo(left + w, dy);
                        }
                    }
                }

                canvas.DrawPath(decades, decade);
                canvas.DrawPath(frames, frame);
            }

            for (var r = 0; r < rows.Count; r++)
            {
                var top = KeyHeight + header + (r * rowHeight);
                ChartText.Draw(canvas, rows[r].Label, 0, top + (rowHeight / 2) + 2.5f, 6.5f, SKColors.Black, width: LabelWidth - 4);
                for (var t = 0; t < targets.Count; t++)
                {
                    var (left, y0, w, h) = Cell(r, t, cellWidth, rowHeight, header);
                    var spark = view.Spark(rows[r], targets[t], buckets);
                    DrawSpark(canvas, view, spark, (left, y0, w, h), (low, high), band, line, tick);
                }
            }

            // The time axis under the last row: first and last probe (UTC) under each column when both fit
            // its width, else once, centred under all the columns (every column spans the same window).
            var bottom = KeyHeight + header + (rows.Count * rowHeight);
            if (series.FirstProbe is { } first && series.LastProbe is { } last)
            {
                var (start, end) = (UtcTimeAxis.TimeTick(first.UtcDateTime, null), UtcTimeAxis.TimeTick(last.UtcDateTime, null));
                if (TimeLabelsFit(start, end, cellWidth))
                {
                    for (var t = 0; t < targets.Count; t++)
                    {
                        var left = LabelWidth + (t * cellWidth) + 1.5f;
                        ChartText.Draw(canvas, start, left, bottom + 6, TimeSize, grey);
                        ChartText.Draw(canvas, end, left + cellWidth - 3, bottom + 6, TimeSize, grey, align: SKTextAlign.Right);
                    }

                    var days = first.UtcDateTime.Date == last.UtcDateTime.Date ? Day(first) : $"{Day(first)} to {Day(last)}";
                    ChartText.Draw(canvas, $"UTC, {days}", 0, bottom + 6, TimeSize, grey, width: LabelWidth - 4);
                }
                else
                {
                    ChartText.Draw(canvas, "UTC", 0, bottom + 6, TimeSize, grey, width: LabelWidth - 4);
                    ChartText.Draw(canvas, $"each column: {OutputWords.UtcSeconds(first)} to {OutputWords.UtcSeconds(last)}", LabelWidth + ((width - LabelWidth) / 2), bottom + 6, TimeSize, grey, width: width - LabelWidth, align: SKTextAlign.Center);
                }
            }

            Legend(canvas, view, rows, bottom + TimeHeight + 6, width);
        });
    }

    /// <summary>
    /// One sparkline as a few paths: the bands, the median segments and the loss ticks each gathered into
    /// one path per colour (a path per bucket made a 150-row page some 25,000 SVG elements).
    /// </summary>
    private static void DrawSpark(SKCanvas canvas, ReportView view, SparkBucket[] spark, (float Left, float Top, float Width, float Height) cell, (double Low, double High) axis, SKPaint band, SKPaint line, SKPaint tick)
    {
        var (left, y0, w, h) = cell;
        var (low, high) = axis;
        var step = w / Math.Max(1, spark.Length);
        var bands = new Dictionary<SKColor, SKPath>();
        var lines = new Dictionary<SKColor, SKPath>();
        using var ticks = new SKPath();
        try
        {
            // The spread in the site's own colour, faint (blended with white, not transparent: a transparent
            // fill makes the PDF carry a soft mask per chart): a run of buckets of one colour is one outline
            // (its upper and lower steps), the same area as a rectangle per bucket in about half the points.
            var run = new List<(float X0, float X1, float Top, float Bottom)>();
            SKColor? runColour = null;
            for (var i = 0; i <= spark.Length; i++)
            {
                SKColor? colour = null;
                if (i < spark.Length && !double.IsNaN(spark[i].LowMs))
                {
                    var c = view.Palette[spark[i].Site ?? string.Empty];
                    colour = new SKColor(Tint(c.R), Tint(c.G), Tint(c.B));
                }

                if (run.Count > 0 && colour != runColour)
                {
                    AddBand(PathFor(bands, runColour!.Value), run);
                    run.Clear();
                }

                if (colour is null)
                {
                    continue;
                }

                var yHigh = Y(spark[i].HighMs, low, high, y0, h);
                var yLow = Y(spark[i].LowMs, low, high, y0, h);
                run.Add((Hundredth(left + (i * step)), Hundredth(left + ((i + 1) * step)), yHigh, yHigh + Math.Max(0.3f, yLow - yHigh)));
                runColour = colour;
            }

            for (var i = 0; i < spark.Length; i++)
            {
                var b = spark[i];
                if (b.Lost > 0)
                {
                    var share = (float)b.Lost / Math.Max(1, b.Sent);
                    var middle = Hundredth(left + ((i + 0.5f) * step));
                    ticks.MoveTo(middle, Hundredth(y0 + h));
                    ticks.LineTo(middle, Hundredth(y0 + h - Math.Max(share < 0.05f ? 0.8f : 1.5f, share * h * 0.6f)));
                }
            }

            // The median as segments, each coloured by the site of its bucket; touching segments of one colour are one line.
            for (var i = 0; i < spark.Length; i++)
            {
                if (double.IsNaN(spark[i].MedianMs))
                {
                    continue;
                }

                var x = Hundredth(left + ((i + 0.5f) * step));
                var y = Y(spark[i].MedianMs, low, high, y0, h);
                var next = i + 1 < spark.Length && !double.IsNaN(spark[i + 1].MedianMs) ? i + 1 : -1;
                var path = PathFor(lines, ChartText.Sk(view.Palette[spark[i].Site ?? string.Empty]));
                var (from, to) = next < 0
                    ? (new SKPoint(Hundredth(x - (step / 2)), y), new SKPoint(Hundredth(x + (step / 2)), y))
                    : (new SKPoint(x, y), new SKPoint(Hundredth(left + ((next + 0.5f) * step)), Y(spark[next].MedianMs, low, high, y0, h)));
                if (path.IsEmpty || path.LastPoint != from)
                {
                    path.MoveTo(from);
                }

                path.LineTo(to);
            }

            foreach (var (colour, path) in bands)
            {
                band.Color = colour;
                canvas.DrawPath(path, band);
            }

            if (!ticks.IsEmpty)
            {
                canvas.DrawPath(ticks, tick);
            }

            foreach (var (colour, path) in lines)
            {
                line.Color = colour;
                canvas.DrawPath(path, line);
            }
        }
        finally
        {
            foreach (var path in bands.Values.Concat(lines.Values))
            {
                path.Dispose();
            }
        }
    }

    /// <summary>Adds the outline of touching bucket rectangles: along their tops left to right, back along their bottoms, no point between two in line.</summary>
    private static void AddBand(SKPath path, List<(float X0, float X1, float Top, float Bottom)> run)
    {
        var points = new List<SKPoint>(run.Count * 4);
        foreach (var (x0, x1, top, _) in run)
        {
            points.Add(new SKPoint(x0, top));
            points.Add(new SKPoint(x1, top));
        }

        for (var i = run.Count - 1; i >= 0; i--)
        {
            points.Add(new SKPoint(run[i].X1, run[i].Bottom));
            points.Add(new SKPoint(run[i].X0, run[i].Bottom));
        }

        var kept = new List<SKPoint>(points.Count);
        foreach (var p in points)
        {
            if (kept.Count > 0 && kept[^1] == p)
            {
                continue;
            }

            // A point on the line through the two before it adds nothing (the steps only run level or upright).
            if (kept.Count >= 2 && ((kept[^2].Y == kept[^1].Y && kept[^1].Y == p.Y) || (kept[^2].X == kept[^1].X && kept[^1].X == p.X)))
            {
                kept[^1] = p;
                continue;
            }

            kept.Add(p);
        }

        path.AddPoly([.. kept], close: true);
    }

    /// <summary>True when a column's first and last time label fit under it side by side with a gap between.</summary>
    public static bool TimeLabelsFit(string start, string end, float cellWidth) =>
        ChartText.Measure(start, TimeSize) + ChartText.Measure(end, TimeSize) + 4 <= cellWidth - 3;

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The sparkline box of row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    private static (float Left, float Top, float Width, float Height) Cell(int row, int column, float cellWidth, float rowHeight, float header) =>
        (LabelWidth + (column * cellWidth) + 1.5f, KeyHeight + header + (row * rowHeight) + 2, cellWidth - 3, rowHeight - 4);

    /// <summary>
    /// The column headings: across the column (target, provider under it), or upright, reading upwards
    /// from just above the first row, the target's line left of the provider's (or "target provider" in one line).
    /// </summary>
    private static void DrawHeadings(SKCanvas canvas, ReportView view, ColumnHeadings headings, float cellWidth, SKColor grey)
    {
        var targets = view.Targets;
        for (var t = 0; t < targets.Count; t++)
        {
            var x = LabelWidth + (t * cellWidth) + (cellWidth / 2);
            var provider = Provider(view, targets[t]);
            if (!headings.Upright)
            {
                ChartText.Draw(canvas, targets[t], x, KeyHeight + 9, HeadingSize, SKColors.Black, bold: true, width: cellWidth - 2, align: SKTextAlign.Center);
                if (provider is not null)
                {
                    ChartText.Draw(canvas, provider, x, KeyHeight + 19, ProviderSize, grey, width: cellWidth - 2, align: SKTextAlign.Center);
                }

                continue;
            }

            // Rotated a quarter turn anticlockwise: the text runs up the page and its glyphs stand left of the baseline.
            var room = headings.Height - 6;
            var (target, second) = headings.TwoLines || provider is null ? (targets[t], provider) : ($"{targets[t]} {provider}", null);
            var width = LineHeight(HeadingSize, true) + (second is null ? 0 : 1 + LineHeight(ProviderSize, false));
            var left = x - (width / 2);
            canvas.Save();
            canvas.Translate(0, KeyHeight + headings.Height - 3);
            canvas.RotateDegrees(-90);

            // In the turned frame a point (u, v) lands at (v, -u) from the origin above: the baseline sits at u = 0 up to the room.
            ChartText.Draw(canvas, target, 0, left + Ascent(HeadingSize, true), HeadingSize, SKColors.Black, bold: true, width: room);
            if (second is not null)
            {
                ChartText.Draw(canvas, second, 0, left + LineHeight(HeadingSize, true) + 1 + Ascent(ProviderSize, false), ProviderSize, grey, width: room);
            }

            canvas.Restore();
        }
    }

    /// <summary>The provider shown under a target, when it is not the target's own name.</summary>
    private static string? Provider(ReportView view, string target) =>
        view.Providers.TryGetValue(target, out var provider) && !string.Equals(provider, target, StringComparison.OrdinalIgnoreCase) ? provider : null;

    /// <summary>The length an upright heading needs: its longest line (or the one line of target and provider).</summary>
    private static float HeadingLength(ReportView view, string target, bool twoLines)
    {
        var provider = Provider(view, target);
        if (provider is null)
        {
            return ChartText.Measure(target, HeadingSize, bold: true) / 0.96f;
        }

        return twoLines
            ? Math.Max(ChartText.Measure(target, HeadingSize, bold: true), ChartText.Measure(provider, ProviderSize)) / 0.96f
            : ChartText.Measure($"{target} {provider}", HeadingSize, bold: true) / 0.96f;
    }

    private static float Ascent(float size, bool bold)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        return -font.Metrics.Ascent;
    }

    private static float LineHeight(float size, bool bold)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        return font.Metrics.Descent - font.Metrics.Ascent;
    }

    private static SKPath PathFor(Dictionary<SKColor, SKPath> paths, SKColor colour)
    {
        if (!paths.TryGetValue(colour, out var path))
        {
            path = new SKPath();
            paths.Add(colour, path);
        }

        return path;
    }

    /// <summary>At most 12 entries: the sites drawn most in these rows, unknown site, no answer.</summary>
    private static void Legend(SKCanvas canvas, ReportView view, IReadOnlyList<ReportRow> rows, float top, float width)
    {
        var used = rows.SelectMany(r => view.Targets.Select(t => view.Cell(r.Key, t)?.ColourSite)).OfType<string>()
            .Where(s => !view.Palette.IsUnknown(s))
            .GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var entries = used.Take(MaxLegendSites).Select(s => (Text: s, Colour: view.Palette[s])).ToList();
        entries.Add(("unknown site", SitePalette.Unknown));
        entries.Add(("no answer", SitePalette.Lost));
        var x = 0f;
        var y = top + 6;
        foreach (var (text, colour) in entries)
        {
            var label = Charts.LegendText.Short(text);
            var w = 12 + ChartText.Measure(label, 6.5f) + 8;
            if (x + w > width)
            {
                x = 0;
                y += 10;
            }

            using var swatch = new SKPaint { Color = ChartText.Sk(colour), IsAntialias = true };
            canvas.DrawRect(x, y - 5, 9, 6, swatch);
            ChartText.Draw(canvas, label, x + 12, y, 6.5f, SKColors.Black);
            x += w;
        }

        if (used.Count > MaxLegendSites)
        {
            ChartText.Draw(canvas, $"{used.Count - MaxLegendSites} more sites not in this key (colours repeat after {SitePalette.Distinct}); the grid names each cell's site.", 0, y + 10, 6f, new SKColor(0x44, 0x44, 0x44), width: width);
        }
    }

    private static byte Tint(byte channel) => (byte)(255 - ((255 - channel) * 0.25));

    /// <summary>The height of <paramref name="ms"/> on the log axis, to a hundredth of a point (fewer digits in the SVG).</summary>
    private static float Y(double ms, double low, double high, float top, float height)
    {
        var f = (Math.Log10(Math.Clamp(ms, low, high)) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low));
        return Hundredth(top + height - (float)(f * height));
    }

    private static float Hundredth(float v) => MathF.Round(v, 2);

    private static double Nice(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 2, 5, 10 })
        {
            if (m * p >= v)
            {
                return m * p;
            }
        }

        return 10 * p;
    }

    private static string Ms(double v) => v.ToString(v < 1 ? "0.##" : "0", CultureInfo.InvariantCulture);
}
