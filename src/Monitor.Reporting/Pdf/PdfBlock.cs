namespace Monitor.Reporting.Pdf;

/// <summary>One thing laid out on a page, top to bottom: text, a table row, a chart, or a page break.</summary>
internal abstract record PdfBlock(float Height);
