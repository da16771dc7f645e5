using System.Globalization;

using Monitor.Reporting.Charts;
using Monitor.Reporting.View;

using SkiaSharp;

namespace Monitor.Reporting.Pdf;

/// <summary>
/// Draws the grid in the PDF: one row per vantage point (or group), one column per target; each cell
/// coloured by its median RTT (<see cref="HeatScale"/>) with the median, a swatch of the serving site's
/// colour and its code, the loss when there was any, and marks: ▲ a site on another continent,
/// ◆ a nearer site answered faster on its own address, ? an identity no rule places.
/// </summary>
internal static class GridLayout
{
    public const float HeaderHeight = 22;
    public const float RowHeight = 20;
    public const float LabelWidth = 92;
    private const float Size = 6.2f;

    /// <summary>The marks and what they mean, for the key under the grid.</summary>
    public const string MarksKey = "Cell: median RTT in ms with marks, serving site (swatch: its colour on every chart), loss when any. ▲ served from another continent; ◆ a nearer site of the target answered faster on its own address; ? identity no rule places; A→B the site changed in the window. Colour: median RTT, 1 to 300 ms on a log scale (light to dark); black: no answer at all.";

    public static string Marks(GridCell c) =>
        (c.Remote ? "▲" : string.Empty) + (c.Inflated ? "◆" : string.Empty) + (c.Unknown ? "?" : string.Empty);

    public static void Draw(SKCanvas canvas, GridRowBlock block, float left, float top, float width)
    {
        var view = block.View;
        var targets = view.Targets;
        var cellWidth = (width - LabelWidth) / Math.Max(1, targets.Count);
        using var rule = new SKPaint { Color = new SKColor(0xFF, 0xFF, 0xFF), StrokeWidth = 1f, Style = SKPaintStyle.Stroke };
        if (block.Row is null)
        {
            ChartText.Draw(canvas, view.RowWord, left, top + 15, Size + 0.5f, SKColors.Black, bold: true, width: LabelWidth - 4);
            for (var t = 0; t < targets.Count; t++)
            {
                var x = left + LabelWidth + (t * cellWidth) + (cellWidth / 2);
                ChartText.Draw(canvas, targets[t], x, top + 9, Size + 0.5f, SKColors.Black, bold: true, width: cellWidth - 2, align: SKTextAlign.Center);
                if (view.Providers.TryGetValue(targets[t], out var provider) && !string.Equals(provider, targets[t], StringComparison.OrdinalIgnoreCase))
                {
                    ChartText.Draw(canvas, provider, x, top + 18, Size - 0.7f, new SKColor(0x44, 0x44, 0x44), width: cellWidth - 2, align: SKTextAlign.Center);
                }
            }

            return;
        }

        var row = block.Row;
        ChartText.Draw(canvas, row.Label, left, top + (RowHeight / 2) + 2.5f, Size + 0.3f, SKColors.Black, width: LabelWidth - 4);
        for (var t = 0; t < targets.Count; t++)
        {
            var x = left + LabelWidth + (t * cellWidth);
            var cell = view.Cell(row.Key, targets[t]);
            if (cell is null)
            {
                ChartText.Draw(canvas, "no probes", x + (cellWidth / 2), top + 12, Size - 1, new SKColor(0x88, 0x88, 0x88), width: cellWidth - 3, align: SKTextAlign.Center);
                continue;
            }

            var fill = cell.P50Ms is { } p ? HeatScale.Of(p) : SitePalette.Lost;
            var dark = HeatScale.Dark(fill);
            var ink = dark ? SKColors.White : SKColors.Black;
            using (var paint = new SKPaint { Color = ChartText.Sk(fill), Style = SKPaintStyle.Fill })
            {
                canvas.DrawRect(x, top, cellWidth, RowHeight, paint);
            }

            canvas.DrawRect(x, top, cellWidth, RowHeight, rule);
            if (cell.P50Ms is null)
            {
                ChartText.Draw(canvas, "no answer", x + (cellWidth / 2), top + 8, Size, ink, width: cellWidth - 3, align: SKTextAlign.Center);
                ChartText.Draw(canvas, $"{N(cell.Sent)} lost", x + (cellWidth / 2), top + 16, Size - 0.5f, ink, width: cellWidth - 3, align: SKTextAlign.Center);
                continue;
            }

            var first = PdfText.Ms(cell.P50Ms) + Marks(cell);
            ChartText.Draw(canvas, first, x + 2, top + 7.5f, Size + 0.3f, ink, bold: true, width: cellWidth - 4);
            if (cell.ColourSite is { } site)
            {
                using var swatch = new SKPaint { Color = ChartText.Sk(view.Palette[site]), Style = SKPaintStyle.Fill };
                using var edge = new SKPaint { Color = ink, Style = SKPaintStyle.Stroke, StrokeWidth = 0.3f };
                canvas.DrawRect(x + 2, top + 9.6f, 4, 4, swatch);
                canvas.DrawRect(x + 2, top + 9.6f, 4, 4, edge);
            }

            ChartText.Draw(canvas, cell.Site, x + 7.5f, top + 13.6f, Size - 0.4f, ink, width: cellWidth - 9.5f);
            if (cell.Lost > 0)
            {
                ChartText.Draw(canvas, $"{PdfText.Pct(cell.LossPercent)}% lost", x + 2, top + 19, Size - 1.2f, ink, width: cellWidth - 4);
            }
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
