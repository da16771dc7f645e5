using Monitor.Reporting.Charts;
using Monitor.Reporting.View;

namespace Monitor.Reporting.Html;

/// <summary>One part of the HTML report, in page order; every text is already safe (escaped again when written).</summary>
internal abstract record HtmlNode;

/// <summary>A heading: 1 for the title, 2 for a section, 3 for a subsection.</summary>
internal sealed record HtmlHeading(int Level, string Text) : HtmlNode;

/// <summary>A paragraph.</summary>
internal sealed record HtmlParagraph(string Text, bool Bold) : HtmlNode;

/// <summary>A sortable table, every row (the PDF shows the top rows); <see cref="RowSites"/> feed the site filter.</summary>
internal sealed record HtmlTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<IReadOnlyList<string>>? RowSites) : HtmlNode;

/// <summary>A chart as inline SVG.</summary>
internal sealed record HtmlFigure(ReportChart Chart) : HtmlNode;

/// <summary>The grid of every row and target.</summary>
internal sealed record HtmlGrid(ReportView View) : HtmlNode;
