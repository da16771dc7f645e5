using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Text;
using Monitor.Reporting.Charts;
using Monitor.Reporting.Text;

using SkiaSharp;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.Pdf;

/// <summary>
/// The PDF report, drawn with SkiaSharp's PDF backend (<see cref="SKDocument.CreatePdf(Stream)"/>).
/// Why Skia and not PDFsharp: ScottPlot already draws on SkiaSharp, so a chart rendered onto the PDF
/// page's canvas stays vectors (crisp at any zoom) with no raster step, text drawn with the embedded
/// DejaVu Sans is embedded as a subset with a ToUnicode map (selectable, extractable), and no second
/// PDF library or Linux font resolver is needed. Pages are A4; every page carries "page N of M".
/// </summary>
public static class PdfReport
{
    private const float PageWidth = 595; // A4 in points
    private const float PageHeight = 842;
    private const float Margin = 48;
    private const float FooterHeight = 24;
    internal const float TextWidth = PageWidth - (2 * Margin);
    internal const float BodySize = 9.5f;
    private const float ChartLogicalWidth = 760;

    /// <summary>Writes the report as a PDF.</summary>
    /// <param name="content">What to report.</param>
    /// <param name="output">Where the PDF goes.</param>
    public static void Write(ReportContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.Register();
        var pages = Paginate(Blocks(content));
        var metadata = new SKDocumentPdfMetadata
        {
            Title = SafeText.Label(content.Title, 120),
            Creator = "Monitor",
            Producer = "Monitor (SkiaSharp PDF)",
            Creation = content.Generated.UtcDateTime,
            Modified = content.Generated.UtcDateTime,
            RasterDpi = 300,
        };
        using var document = SKDocument.CreatePdf(output, metadata);
        using var regular = new SKFont(ReportFonts.Regular, BodySize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xBB, 0xBB, 0xBB), StrokeWidth = 0.5f, IsAntialias = true };
        var footerTitle = SafeText.Label(content.Title, 60);
        for (var p = 0; p < pages.Count; p++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Margin;
            foreach (var block in pages[p])
            {
                Draw(canvas, block, y, paint, rule);
                y += block.Height;
            }

            regular.Size = 8;
            canvas.DrawText(footerTitle, Margin, PageHeight - (FooterHeight / 2), SKTextAlign.Left, regular, paint);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"page {p + 1} of {pages.Count}"), PageWidth - Margin, PageHeight - (FooterHeight / 2), SKTextAlign.Right, regular, paint);
            document.EndPage();
        }

        document.Close();
    }

    private static void Draw(SKCanvas canvas, PdfBlock block, float top, SKPaint paint, SKPaint rule)
    {
        switch (block)
        {
            case TextBlock t:
                using (var font = new SKFont(t.Bold ? ReportFonts.Bold : ReportFonts.Regular, t.Size))
                {
                    canvas.DrawText(t.Text, Margin + t.Indent, top + (t.Size * 1.1f), SKTextAlign.Left, font, paint);
                }

                break;
            case RowBlock r:
                using (var font = new SKFont(r.IsHeader ? ReportFonts.Bold : ReportFonts.Regular, 8.5f))
                {
                    var x = Margin;
                    for (var i = 0; i < r.Cells.Count; i++)
                    {
                        var width = r.Widths[i] * TextWidth;
                        canvas.DrawText(Fit(r.Cells[i], width - 4, font), x, top + 10, SKTextAlign.Left, font, paint);
                        x += width;
                    }

                    canvas.DrawLine(Margin, top + r.Height - 1, Margin + TextWidth, top + r.Height - 1, rule);
                }

                break;
            case ChartBlock c:
                using (var plot = c.Create())
                {
                    var scale = TextWidth / ChartLogicalWidth;
                    canvas.Save();
                    canvas.Translate(Margin, top);
                    canvas.Scale(scale);
                    plot.Render(canvas, (int)ChartLogicalWidth, (int)((c.Height - 12) / scale));
                    canvas.Restore();
                }

                break;
        }
    }

    /// <summary>Cuts text (with an ellipsis) to fit a width.</summary>
    private static string Fit(string text, float width, SKFont font)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && font.MeasureText(string.Concat(text.AsSpan(0, length), "…")) > width)
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }

    private static List<List<PdfBlock>> Paginate(List<PdfBlock> blocks)
    {
        var pages = new List<List<PdfBlock>> { new() };
        var room = PageHeight - (2 * Margin) - FooterHeight;
        var used = 0f;
        RowBlock? header = null;
        foreach (var block in blocks)
        {
            if (block is BreakBlock)
            {
                if (pages[^1].Count > 0)
                {
                    pages.Add([]);
                    used = 0;
                }

                continue;
            }

            // Headings and table headers keep with what follows them.
            var need = block.Height + block switch
            {
                TextBlock { Bold: true, Size: >= 12 } => 60,
                RowBlock { IsHeader: true } => 30,
                _ => 0,
            };
            if (used + need > room && pages[^1].Count > 0)
            {
                pages.Add([]);
                used = 0;

                // A table that flows on repeats its header.
                if (block is RowBlock { IsHeader: false } row && row.Header is { } h && ReferenceEquals(h, header))
                {
                    pages[^1].Add(h);
                    used += h.Height;
                }
            }

            if (block is RowBlock { IsHeader: true } newHeader)
            {
                header = newHeader;
            }

            pages[^1].Add(block);
            used += block.Height;
        }

        return pages;
    }

    private static List<PdfBlock> Blocks(ReportContent content)
    {
        var a = content.Analysis;
        var b = new PdfBuilder();

        // Title page.
        b.Wrapped(SafeText.Label(content.Title, 120), 20, bold: true);
        b.Space(10);
        b.Text($"Window: {Window(a.Window)} (half-open [from, to))");
        if (content.Series is { FirstProbe: { } firstProbe, LastProbe: { } lastProbe })
        {
            b.Text($"Probes from {Utc(firstProbe)} to {Utc(lastProbe)}");
        }

        b.Text($"Generated: {Utc(content.Generated)}; {a.Measurements.ToString(CultureInfo.InvariantCulture)} measurements");
        b.Space(8);
        var vantages = a.Latency.Select(l => l.VantageId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        b.Text($"Vantage points ({vantages.Count.ToString(CultureInfo.InvariantCulture)})", 12, bold: true);
        b.Wrapped(string.Join(", ", vantages.Select(v => SafeText.Label(v)).Select(v => Place(v, content))));
        b.Space(6);
        b.Text($"Targets ({a.TargetLatency.Count.ToString(CultureInfo.InvariantCulture)})", 12, bold: true);
        b.Wrapped(string.Join(", ", a.TargetLatency.Select(t => $"{SafeText.Label(t.TargetId)} ({SafeText.Label(t.Provider, 30)})")));
        b.Space(6);
        b.Text("Method", 12, bold: true);
        foreach (var line in content.Method)
        {
            b.Wrapped(SafeText.Label(line, 200));
        }

        b.Wrapped("Statistic: the median (p50) RTT of answered probes, type-7 percentiles; p95/p99 for the tail. The mean is not used: one slow retry would move it. Loss is the share of probes without an answer (timeouts, network errors, malformed replies).");
        b.Space(10);

        // Summary.
        b.Text("Summary", 14, bold: true, after: 4);
        var fastest = a.Providers.FirstOrDefault(p => p.Rank == 1);
        b.Wrapped(fastest is not null
            ? $"Fastest provider: {SafeText.Label(fastest.Provider)}, median {Ms(fastest.Latency.P50Ms)} ms over {fastest.Vantages.ToString(CultureInfo.InvariantCulture)} common vantage points."
            : "Fastest provider: not ranked (no vantage point has answers from every provider).");
        var pooled = a.Latency.Where(l => l.VantageId is not null)
            .GroupBy(l => l.VantageId!, StringComparer.Ordinal)
            .Select(g => (Vantage: g.Key, P50: g.Where(l => l.Latency.P50Ms is not null).Select(l => l.Latency.P50Ms!.Value).DefaultIfEmpty(double.NaN).Max(),
                Sent: g.Sum(l => l.Latency.Sent), Lost: g.Sum(l => l.Latency.Lost)))
            .ToList();
        var worstP50 = pooled.Where(v => !double.IsNaN(v.P50)).OrderByDescending(v => v.P50).FirstOrDefault();
        if (worstP50.Vantage is not null)
        {
            b.Wrapped($"Worst vantage point by median: {SafeText.Label(worstP50.Vantage)}, {Ms(worstP50.P50)} ms (its slowest target/site median).");
        }

        var worstLoss = pooled.Where(v => v.Sent > 0).OrderByDescending(v => (double)v.Lost / v.Sent).FirstOrDefault();
        if (worstLoss.Vantage is not null)
        {
            b.Wrapped($"Worst vantage point by loss: {SafeText.Label(worstLoss.Vantage)}, {Pct(100.0 * worstLoss.Lost / worstLoss.Sent)} % of {worstLoss.Sent.ToString(CultureInfo.InvariantCulture)} probes.");
        }

        var sent = a.TargetLatency.Sum(t => t.Latency.Sent);
        var lost = a.TargetLatency.Sum(t => t.Latency.Lost);
        b.Wrapped($"Shift events: {a.Events.Count.ToString(CultureInfo.InvariantCulture)} ({a.Changes.Count(c => c.Kind == RouteChangeKind.Shift).ToString(CultureInfo.InvariantCulture)} vantage-point shifts, {a.Changes.Count(c => c.Kind == RouteChangeKind.Outage).ToString(CultureInfo.InvariantCulture)} outage(s)).");
        b.Wrapped($"Overall loss: {Pct(sent == 0 ? 0 : 100.0 * lost / sent)} % ({lost.ToString(CultureInfo.InvariantCulture)} of {sent.ToString(CultureInfo.InvariantCulture)} probes).");

        // Tables.
        b.Break();
        b.Text("Latency per target", 14, bold: true, after: 4);
        b.Table(
            ["target", "provider", "sent", "loss %", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [0.2f, 0.2f, 0.08f, 0.1f, 0.1f, 0.1f, 0.1f, 0.12f],
            a.TargetLatency.Select(t => (IReadOnlyList<string>)[SafeText.Label(t.TargetId), SafeText.Label(t.Provider), N(t.Latency.Sent), Pct(t.Latency.LossPercent), Ms(t.Latency.P50Ms), Ms(t.Latency.P95Ms), Ms(t.Latency.P99Ms), Ms(t.Latency.MaxMs)]));
        if (a.Providers.Count > 0)
        {
            b.Space(8);
            b.Text("Providers ranked over common vantage points", 12, bold: true, after: 4);
            b.Table(
                ["rank", "provider", "vantage points", "sent", "loss %", "p50 ms", "p95 ms"],
                [0.08f, 0.3f, 0.14f, 0.12f, 0.12f, 0.12f, 0.12f],
                a.Providers.Select(p => (IReadOnlyList<string>)[N(p.Rank), SafeText.Label(p.Provider), N(p.Vantages), N(p.Latency.Sent), Pct(p.Latency.LossPercent), Ms(p.Latency.P50Ms), Ms(p.Latency.P95Ms)]));
        }

        if (a.Grouped is { } grouped)
        {
            InterceptionSection.WriteGrouped(b, grouped);
        }
        else
        {
            b.Space(8);
            b.Text("Latency per vantage point, target and site", 12, bold: true, after: 4);
            b.Table(
                ["vantage point", "target", "site", "sent", "loss %", "p50 ms", "p95 ms", "max ms"],
                [0.17f, 0.17f, 0.16f, 0.08f, 0.1f, 0.1f, 0.1f, 0.12f],
                a.Latency.Where(l => l.VantageId is not null).Select(l => (IReadOnlyList<string>)[SafeText.Label(l.VantageId), SafeText.Label(l.TargetId), SafeText.Label(l.Site ?? "(all)"), N(l.Latency.Sent), Pct(l.Latency.LossPercent), Ms(l.Latency.P50Ms), Ms(l.Latency.P95Ms), Ms(l.Latency.MaxMs)]));
        }

        b.Space(8);
        b.Text("Catchment", 12, bold: true, after: 4);
        b.Table(
            ["target", "site", "confidence", "city", "country", "vantage points", "share %"],
            [0.16f, 0.12f, 0.1f, 0.17f, 0.08f, 0.27f, 0.1f],
            a.Sites.Select(s => (IReadOnlyList<string>)[SafeText.Label(s.TargetId), SafeText.Label(s.Site), Confidence(a, s.Site), SafeText.Label(s.City ?? "-"), SafeText.Label(s.Country ?? "-"), SafeText.Label(string.Join(" ", s.Vantages), 60), Pct(100 * s.Share)]));
        if (a.Grouped is null)
        {
            b.Space(8);
            b.Text("Answers per vantage point and site", 12, bold: true, after: 4);
            b.Table(
                ["target", "vantage point", "site", "confidence", "identity", "answers", "share %", "dominant"],
                [0.14f, 0.14f, 0.1f, 0.1f, 0.24f, 0.09f, 0.09f, 0.1f],
                a.Catchment.Select(c => (IReadOnlyList<string>)[SafeText.Label(c.TargetId), SafeText.Label(c.VantageId), SafeText.Label(c.Site), Confidence(a, c.Site), SafeText.Label(c.Identity), N(c.Answers), Pct(100 * c.Share), c.Dominant ? "yes" : ""]));
        }

        b.Space(8);
        b.Text("Shift events", 12, bold: true, after: 4);
        if (a.Events.Count == 0)
        {
            b.Text("No shift events in the window.");
        }
        else
        {
            b.Table(
                ["target", "start (UTC)", "end (UTC)", "from", "to", "VPs", "median ΔRTT ms"],
                [0.14f, 0.2f, 0.2f, 0.1f, 0.1f, 0.08f, 0.18f],
                a.Events.Select(e => (IReadOnlyList<string>)[SafeText.Label(e.TargetId), Utc(e.Start), Utc(e.End), SafeText.Label(e.From), SafeText.Label(e.To), N(e.Vantages.Count), Ms(e.MedianRttChangeMs)]));
        }

        b.Space(8);
        b.Text("Route changes", 12, bold: true, after: 4);
        b.Table(
            ["target", "vantage point", "kind", "at (UTC)", "from", "to", "samples"],
            [0.14f, 0.16f, 0.1f, 0.22f, 0.14f, 0.14f, 0.1f],
            a.Changes.Select(c => (IReadOnlyList<string>)[SafeText.Label(c.TargetId), SafeText.Label(c.VantageId), OutputWords.Kind(c.Kind), Utc(c.At), SafeText.Label(c.From ?? "-"), SafeText.Label(c.To ?? "-"), N(c.Samples)]));

        ZonesSection.Write(b, a);
        PromisesSection.Write(b, a);
        InterceptionSection.Write(b, a);

        // Charts, two to a page.
        var charts = ReportFiles.Charts(content).Where(c => c.Name != ReportFiles.FailoverChart).ToList();
        for (var i = 0; i < charts.Count; i++)
        {
            if (i % 2 == 0)
            {
                b.Break();
                b.Text(i == 0 ? "Charts" : "Charts (continued)", 14, bold: true, after: 4);
            }

            b.Chart(charts[i].Create, 330);
        }

        // Appendix.
        b.Break();
        b.Text("Appendix: low-confidence and unknown identities, warnings", 14, bold: true, after: 4);
        var uncertain = a.UncertainIdentities;
        b.Text($"Low-confidence and unknown identities ({uncertain.Count.ToString(CultureInfo.InvariantCulture)}): low ones are guesses kept out of the catchment shares; an unknown one stands for its own site.", bold: true);
        foreach (var u in uncertain)
        {
            b.Wrapped($"• {SafeText.Label(u.Identity, 80)}: {OutputWords.Confidence(u.Confidence)}, {N(u.Answers)} answers{(u.Confidence == SiteConfidence.Low ? $", read as {SafeText.Label(u.Site)}" : string.Empty)}{(u.Reason is null ? string.Empty : " — " + SafeText.Label(u.Reason, 160))}");
        }

        var unparsed = content.Series.Sites.Values.Where(s => !s.Parsed).Select(s => s.Code).Order(StringComparer.Ordinal).ToList();
        b.Space(6);
        b.Text($"Unparsed identities ({unparsed.Count.ToString(CultureInfo.InvariantCulture)}): no convention or token named a place; each stands for its own site.", bold: true);
        foreach (var code in unparsed)
        {
            b.Wrapped("• " + SafeText.Label(code, 120));
        }

        b.Space(6);
        b.Text($"Warnings ({a.Warnings.Count.ToString(CultureInfo.InvariantCulture)})", bold: true);
        foreach (var warning in a.Warnings)
        {
            b.Wrapped("• " + SafeText.Label(warning, 300));
        }

        return b.Blocks;
    }

    private static string Confidence(AnalysisReport a, string site) =>
        a.SiteIdentifications.TryGetValue(site, out var id) ? OutputWords.Confidence(id.Confidence) : "-";

    private static string Place(string vantage, ReportContent content)
    {
        var vp = content.Vantages.FirstOrDefault(v => v.Id == vantage);
        var where = string.Join(", ", new[] { vp?.City, vp?.Country }.Where(s => !string.IsNullOrEmpty(s)).Select(s => SafeText.Label(s, 30)));
        return where.Length == 0 ? vantage : $"{vantage} ({where})";
    }

    private static string Window(AnalysisWindow w) => $"{(w.From is { } f ? Utc(f) : "first probe")} to {(w.To is { } t ? Utc(t) : "last probe")}";

}
