using SkiaSharp;

namespace Monitor.Reporting.Pdf;

/// <summary>Collects blocks; wraps text to the text width.</summary>
internal sealed class PdfBuilder
{
    public List<PdfBlock> Blocks { get; } = [];

    public void Text(string text, float size = PdfReport.BodySize, bool bold = false, float after = 0) =>
        Blocks.Add(new TextBlock(text, size, bold, (size * 1.45f) + after));

    public void Wrapped(string text, float size = PdfReport.BodySize, bool bold = false)
    {
        using var measure = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        var line = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && measure.MeasureText(candidate) > PdfReport.TextWidth)
            {
                Text(line, size, bold);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            Text(line, size, bold);
        }
    }

    public void Space(float height) => Blocks.Add(new TextBlock(string.Empty, PdfReport.BodySize, false, height));

    public void Break() => Blocks.Add(new BreakBlock());

    public void Chart(Func<ScottPlot.Plot> create, float height) => Blocks.Add(new ChartBlock(create, height));

    public void Table(IReadOnlyList<string> header, IReadOnlyList<float> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        var head = new RowBlock(header, widths, IsHeader: true, Header: null, 15);
        Blocks.Add(head);
        foreach (var row in rows)
        {
            Blocks.Add(new RowBlock(row, widths, IsHeader: false, head, 13));
        }
    }
}
