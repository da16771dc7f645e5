using SkiaSharp;

namespace Monitor.Reporting.Charts;

/// <summary>Text drawn straight onto a chart's canvas: never cut, shrunk to fit its box instead.</summary>
internal static class ChartText
{
    /// <summary>The largest size from <paramref name="size"/> down to <paramref name="min"/> at which the text fits the width.</summary>
    public static float Fit(string text, float width, float size, float min = 4f, bool bold = false)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        var measured = font.MeasureText(text);
        return measured <= width ? size : Math.Max(min, size * width / measured);
    }

    /// <summary>The width of the text at a size.</summary>
    public static float Measure(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>Draws text with its baseline at <paramref name="y"/>, shrunk to fit <paramref name="width"/> when given.</summary>
    public static void Draw(SKCanvas canvas, string text, float x, float y, float size, SKColor color, bool bold = false, float? width = null, SKTextAlign align = SKTextAlign.Left)
    {
        // A little slack: a browser drawing the SVG lays the same font out a few per cent wider.
        var fitted = width is { } w ? Fit(text, w * 0.96f, size, 3f, bold) : size;
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, fitted);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    /// <summary>A ScottPlot colour as a Skia colour.</summary>
    public static SKColor Sk(ScottPlot.Color c) => new(c.R, c.G, c.B, c.A);
}
