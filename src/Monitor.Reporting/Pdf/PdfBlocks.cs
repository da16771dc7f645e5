using ScottPlot;

namespace Monitor.Reporting.Pdf;

/// <summary>A line of text (already safe).</summary>
internal sealed record TextBlock(string Text, float Size, bool Bold, float Height, float Indent = 0) : PdfBlock(Height);

/// <summary>One table row; <see cref="Header"/> repeats at the top of a continuation page.</summary>
internal sealed record RowBlock(IReadOnlyList<string> Cells, IReadOnlyList<float> Widths, bool IsHeader, RowBlock? Header, float Height) : PdfBlock(Height);

/// <summary>A chart drawn as vectors at a logical size, scaled to the text width.</summary>
internal sealed record ChartBlock(Func<Plot> Create, float Height) : PdfBlock(Height);

/// <summary>Starts a new page.</summary>
internal sealed record BreakBlock() : PdfBlock(0);
