using Monitor.Reporting.Charts;
using Monitor.Reporting.Html;
using Monitor.Reporting.View;

using SkiaSharp;

namespace Monitor.Reporting.Pdf;

/// <summary>
/// Collects a report's sections once for both outputs: blocks for the PDF (text wrapped to the text
/// width, tables cut to their top rows) and nodes for the HTML (every row, sortable).
/// </summary>
internal sealed class PdfBuilder
{
    /// <summary>Rows a PDF table shows before it points to the CSV or the HTML for the rest.</summary>
    public const int TableRows = 25;

    public List<PdfBlock> Blocks { get; } = [];

    public List<HtmlNode> Html { get; } = [];

    /// <summary>False while adding what only the PDF shows (the HTML has its own copy).</summary>
    public bool ToHtml { get; set; } = true;

    public void Text(string text, float size = PdfReport.BodySize, bool bold = false, float after = 0)
    {
        Blocks.Add(new TextBlock(text, size, bold, (size * 1.45f) + after));
        Record(text, size, bold);
    }

    public void Wrapped(string text, float size = PdfReport.BodySize, bool bold = false)
    {
        foreach (var line in Lines(text, size, bold, PdfReport.TextWidth))
        {
            Blocks.Add(new TextBlock(line, size, bold, size * 1.45f));
        }

        Record(text, size, bold);
    }

    /// <summary>The height <see cref="Wrapped"/> would take.</summary>
    public static float WrappedHeight(string text, float size = PdfReport.BodySize, bool bold = false) =>
        Lines(text, size, bold, PdfReport.TextWidth).Count * size * 1.45f;

    public void Space(float height) => Blocks.Add(new TextBlock(string.Empty, PdfReport.BodySize, false, height));

    public void Break() => Blocks.Add(new BreakBlock());

    public void Chart(ReportChart chart)
    {
        Blocks.Add(new ChartBlock(chart));
        if (ToHtml)
        {
            Html.Add(new HtmlFigure(chart));
        }
    }

    /// <summary>The grid's header and the given rows (the HTML gets every row once, from <see cref="HtmlGrid"/>).</summary>
    public void Grid(ReportView view, IEnumerable<ReportRow> rows)
    {
        var head = new GridRowBlock(view, null, null, GridLayout.HeaderHeight);
        Blocks.Add(head);
        foreach (var row in rows)
        {
            Blocks.Add(new GridRowBlock(view, row, head, GridLayout.RowHeight));
        }
    }

    public void HtmlGrid(ReportView view)
    {
        if (ToHtml)
        {
            Html.Add(new HtmlGrid(view));
        }
    }

    /// <summary>
    /// A table: in the PDF its first <paramref name="limit"/> rows and a line saying where the rest are
    /// (<paramref name="rest"/>); in the HTML every row. <paramref name="sites"/> names each row's sites for the filter.
    /// </summary>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<float> widths, IEnumerable<IReadOnlyList<string>> rows, int limit = TableRows, string? rest = null, IEnumerable<IReadOnlyList<string>>? sites = null)
    {
        var all = rows.ToList();
        var head = new RowBlock(header, widths, IsHeader: true, Header: null, 15);
        Blocks.Add(head);
        foreach (var row in all.Take(limit))
        {
            Blocks.Add(new RowBlock(row, widths, IsHeader: false, head, 13));
        }

        if (all.Count > limit)
        {
            var more = $"{all.Count - limit} more rows: {rest ?? "in the HTML report"}.";
            Blocks.Add(new TextBlock(more, PdfReport.BodySize - 1, false, 14));
        }

        if (ToHtml)
        {
            Html.Add(new HtmlTable(header, all, sites?.ToList()));
        }
    }

    private void Record(string text, float size, bool bold)
    {
        if (!ToHtml || text.Length == 0)
        {
            return;
        }

        Html.Add(bold && size >= 12 ? new HtmlHeading(size >= 16 ? 1 : size >= 14 ? 2 : 3, text) : new HtmlParagraph(text, bold));
    }

    private static List<string> Lines(string text, float size, bool bold, float width)
    {
        using var measure = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && measure.MeasureText(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
