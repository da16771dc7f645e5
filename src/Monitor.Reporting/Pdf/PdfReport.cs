using System.Globalization;

using Monitor.Reporting.Text;

using SkiaSharp;

namespace Monitor.Reporting.Pdf;

/// <summary>
/// The PDF report, drawn with SkiaSharp's PDF backend (<see cref="SKDocument.CreatePdf(Stream)"/>).
/// Why Skia and not PDFsharp: ScottPlot already draws on SkiaSharp, so a chart replayed onto the PDF
/// page's canvas stays vectors (crisp at any zoom) with no raster step, text drawn with the embedded
/// DejaVu Sans is embedded as a subset with a ToUnicode map (selectable, extractable), and no second
/// PDF library or Linux font resolver is needed. Pages are A4; every page carries "page N of M".
/// Table cells are never cut: text too wide for its column is drawn smaller.
/// </summary>
public static class PdfReport
{
    private const float PageWidth = 595; // A4 in points
    private const float PageHeight = 842;
    private const float Margin = 48;
    private const float FooterHeight = 24;
    internal const float TextWidth = PageWidth - (2 * Margin);
    internal const float PageRoom = PageHeight - (2 * Margin) - FooterHeight;
    internal const float BodySize = 9.5f;

    /// <summary>Writes the report as a PDF.</summary>
    /// <param name="content">What to report.</param>
    /// <param name="output">Where the PDF goes.</param>
    public static void Write(ReportContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var document = ReportDocument.Build(content);
        Write(document, output);
    }

    /// <summary>Writes a laid-out report as a PDF.</summary>
    internal static void Write(ReportDocument report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.Register();
        var content = report.Content;
        var pages = Paginate(report.Builder.Blocks);
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
        using var regular = new SKFont(ReportFonts.Regular, 8);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xBB, 0xBB, 0xBB), StrokeWidth = 0.5f, IsAntialias = true };
        var footerTitle = SafeText.Label(content.Title, 120);
        for (var p = 0; p < pages.Count; p++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Margin;
            foreach (var block in pages[p])
            {
                Draw(canvas, block, y, paint, rule);
                y += block.Height;
            }

            Charts.ChartText.Draw(canvas, footerTitle, Margin, PageHeight - (FooterHeight / 2), 8, SKColors.Black, width: TextWidth - 70);
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
                {
                    var x = Margin;
                    for (var i = 0; i < r.Cells.Count; i++)
                    {
                        var width = r.Widths[i] * TextWidth;
                        Charts.ChartText.Draw(canvas, r.Cells[i], x, top + 10, 8.5f, SKColors.Black, bold: r.IsHeader, width: width - 4);
                        x += width;
                    }

                    canvas.DrawLine(Margin, top + r.Height - 1, Margin + TextWidth, top + r.Height - 1, rule);
                }

                break;
            case GridRowBlock g:
                GridLayout.Draw(canvas, g, Margin, top, TextWidth);
                break;
            case ChartBlock c:
                canvas.Save();
                canvas.Translate(Margin, top);
                c.Chart.DrawOn(canvas);
                canvas.Restore();
                break;
        }
    }

    private static List<List<PdfBlock>> Paginate(List<PdfBlock> blocks)
    {
        var pages = new List<List<PdfBlock>> { new() };
        var used = 0f;
        PdfBlock? header = null;
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
                GridRowBlock { Row: null } => 30,
                _ => 0,
            };
            if (used + need > PageRoom && pages[^1].Count > 0)
            {
                pages.Add([]);
                used = 0;

                // A table that flows on repeats its header.
                PdfBlock? repeat = block switch
                {
                    RowBlock { IsHeader: false, Header: { } h } when ReferenceEquals(h, header) => h,
                    GridRowBlock { Row: not null, Header: { } g } when ReferenceEquals(g, header) => g,
                    _ => null,
                };
                if (repeat is not null)
                {
                    pages[^1].Add(repeat);
                    used += repeat.Height;
                }
            }

            if (block is RowBlock { IsHeader: true } or GridRowBlock { Row: null })
            {
                header = block;
            }

            pages[^1].Add(block);
            used += block.Height;
        }

        return pages;
    }
}
