using Monitor.Reporting.Charts;
using Monitor.Reporting.View;

namespace Monitor.Reporting.Pdf;

/// <summary>A line of text (already safe).</summary>
internal sealed record TextBlock(string Text, float Size, bool Bold, float Height, float Indent = 0) : PdfBlock(Height);

/// <summary>One table row; <see cref="Header"/> repeats at the top of a continuation page.</summary>
internal sealed record RowBlock(IReadOnlyList<string> Cells, IReadOnlyList<float> Widths, bool IsHeader, RowBlock? Header, float Height) : PdfBlock(Height);

/// <summary>A chart, rendered once, replayed at the text width.</summary>
internal sealed record ChartBlock(ReportChart Chart) : PdfBlock(Chart.Height + 8);

/// <summary>One row of the grid (a null row is its header, repeated on a continuation page).</summary>
internal sealed record GridRowBlock(ReportView View, ReportRow? Row, GridRowBlock? Header, float Height) : PdfBlock(Height);

/// <summary>Starts a new page.</summary>
internal sealed record BreakBlock() : PdfBlock(0);
