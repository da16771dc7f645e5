using ScottPlot;

using SkiaSharp;

namespace Monitor.Reporting;

/// <summary>Answers every ScottPlot font request with the embedded DejaVu Sans (bold when asked).</summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        weight >= FontWeight.SemiBold ? ReportFonts.Bold : ReportFonts.Regular;

    public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) =>
        bold ? ReportFonts.Bold : ReportFonts.Regular;
}
