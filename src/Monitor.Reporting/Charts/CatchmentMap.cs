using System.Globalization;

using Monitor.Reporting.Text;
using Monitor.Reporting.View;

using ScottPlot;

using SkiaSharp;

namespace Monitor.Reporting.Charts;

/// <summary>
/// One catchment map per anycast target, Verfploeter style: each vantage point a dot in the colour of
/// the site that served it (several in one place: one bigger dot), sites as labelled triangles, zoomed
/// to where the data is (latitude kept within −90°…90°, longitude within −180°…180°). Sites without
/// coordinates are listed under the map.
/// </summary>
internal static class CatchmentMap
{
    private const float FooterHeight = 34;
    private const int MaxLegendSites = 10;

    public static ReportChart Render(ReportView view, string target, int number, float width, float height)
    {
        var a = view.Analysis;
        var dominant = a.Catchment.Where(c => c.Dominant && c.TargetId == target).ToList();
        var sites = view.Content.Series.Sites;
        var served = dominant.GroupBy(c => c.Site, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var placed = served.Where(g => sites.TryGetValue(g.Key, out var s) && s.Latitude is not null && s.Longitude is not null).ToList();
        var unplaced = served.Where(g => !placed.Contains(g)).Select(g => $"{SafeText.Label(g.Key)} ({g.Count().ToString(CultureInfo.InvariantCulture)} VP{(g.Count() == 1 ? string.Empty : "s")})").ToList();
        var title = $"Catchment of {view.TargetLabel(target)}: vantage points coloured by serving site";
        var mapHeight = height - FooterHeight;
        var plot = new Plot();
        var dots = new List<(double X, double Y, int Count, Color Colour)>();
        try
        {
            plot.Title(SafeText.Label(title, 90), 15);
            var lons = new List<double>();
            var lats = new List<double>();
            // Vantage points in one half-degree cell on one site are one dot, bigger the more there are
            // (10,000 Atlas probes are a few hundred dots, not 10,000 paths in the PDF).
            foreach (var group in served)
            {
                foreach (var cell in group.Select(c => view.Vantage(c.VantageId)).Where(v => v is { Latitude: not null, Longitude: not null })
                    .GroupBy(v => (Math.Round(v!.Longitude!.Value * 2) / 2, Math.Round(v.Latitude!.Value * 2) / 2)))
                {
                    dots.Add((cell.Key.Item1, cell.Key.Item2, cell.Count(), view.Palette[group.Key]));
                    lons.Add(cell.Key.Item1);
                    lats.Add(cell.Key.Item2);
                }
            }

            foreach (var group in placed)
            {
                var s = sites[group.Key];
                lons.Add(s.Longitude!.Value);
                lats.Add(s.Latitude!.Value);
            }

            var limits = Zoom(lons, lats, width / (mapHeight - 30));

            // Only the land that shows: a zoomed map does not carry the whole world into the PDF.
            plot.Add.Plottable(new LandLayer([.. LandOutline.Rings.Where(r => r.Any(c => c.X >= limits.Left - 5 && c.X <= limits.Right + 5 && c.Y >= limits.Bottom - 5 && c.Y <= limits.Top + 5))]));

            // Site labels that would overlap an earlier one are left to the key below.
            var boxes = new List<(double X0, double Y0, double X1, double Y1)>();
            var perX = (limits.Right - limits.Left) / (width * 1.3);
            var perY = (limits.Top - limits.Bottom) / (mapHeight * 1.3);
            foreach (var group in placed)
            {
                var s = sites[group.Key];
                var x = s.Longitude!.Value;
                var y = s.Latitude!.Value;
                var colour = view.Palette[group.Key];
                plot.Add.Marker(x, y, MarkerShape.FilledTriangleUp, 14, Colors.Black);
                plot.Add.Marker(x, y, MarkerShape.FilledTriangleUp, 10, colour);
                var code = SafeText.Label(group.Key, 16);
                var box = (x + (4 * perX), y - (5 * perY), x + ((6 + (code.Length * 7)) * perX), y + (9 * perY));
                if (boxes.Any(b => b.X0 < box.Item3 && box.Item1 < b.X1 && b.Y0 < box.Item4 && box.Item2 < b.Y1))
                {
                    continue;
                }

                boxes.Add(box);
                var text = plot.Add.Text(code, x, y);
                text.LabelFontSize = 11;
                text.LabelBold = true;
                text.LabelFontColor = Colors.Black;
                text.LabelBackgroundColor = Colors.White;
                text.LabelAlignment = Alignment.MiddleLeft;
                text.OffsetX = 6;
            }

            // The vantage points are drawn after the plot, straight onto the canvas (below).
            plot.Axes.SetLimits(limits);
            plot.HideGrid();
            plot.XLabel("longitude (°)");
            plot.YLabel("latitude (°)");
        }
        catch
        {
            plot.Dispose();
            throw;
        }

        var scale = width / 760f;
        return ReportChart.Draw($"catchment-map-{number.ToString(CultureInfo.InvariantCulture)}", title, width, height, canvas =>
        {
            canvas.Save();
            canvas.Scale(scale);
            ReportChart.RenderPlot(plot, canvas, 760, (int)(mapHeight / scale));
            DrawVantages(canvas, plot, dots);
            canvas.Restore();

            // The key's ground painted white again: in the SVG, ScottPlot's figure background reaches past
            // the map and a browser drew it black under the key (the PDF and the PNG were white).
            using (var ground = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            {
                canvas.DrawRect(0, mapHeight, width, height - mapHeight, ground);
            }

            plot.Dispose();
            var x = 0f;
            var y = mapHeight + 9;
            foreach (var group in served.Take(MaxLegendSites))
            {
                var label = $"{LegendText.Short(group.Key)} {group.Count().ToString(CultureInfo.InvariantCulture)}";
                var w = 12 + ChartText.Measure(label, 6.5f) + 8;
                if (x + w > width)
                {
                    x = 0;
                    y += 10;
                }

                using var swatch = new SKPaint { Color = ChartText.Sk(view.Palette[group.Key]), IsAntialias = true };
                canvas.DrawCircle(x + 4, y - 2, 3.2f, swatch);
                ChartText.Draw(canvas, label, x + 12, y, 6.5f, SKColors.Black);
                x += w;
            }

            var note = served.Count > MaxLegendSites ? $"; {served.Count - MaxLegendSites} more sites, see the grid" : string.Empty;
            var footer = (unplaced.Count == 0 ? "Every serving site has coordinates" : "No coordinates (not on the map): " + string.Join(", ", unplaced.Take(8)) + (unplaced.Count > 8 ? $" and {unplaced.Count - 8} more" : string.Empty))
                + note + ". Key: site and the vantage points it serves.";
            ChartText.Draw(canvas, footer, 0, y + 11, 6.5f, new SKColor(0x33, 0x33, 0x33), width: width);
        });
    }

    /// <summary>The data's extent with a margin, widened to the drawing's aspect ratio, inside the world.</summary>
    /// <summary>
    /// The vantage points last, over the sites (a vantage point next to its site stays visible), as
    /// opaque discs drawn by Skia itself under one clip: a ScottPlot marker (or a Skia circle) is a
    /// 32-curve path, with a clip of its own for ScottPlot, which made a 10,000-VP map about 650 KB in the PDF.
    /// </summary>
    private static void DrawVantages(SKCanvas canvas, Plot plot, List<(double X, double Y, int Count, Color Colour)> dots)
    {
        var area = plot.LastRender.DataRect;
        canvas.Save();
        canvas.ClipRect(new SKRect(area.Left, area.Top, area.Right, area.Bottom));
        using var outline = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, IsAntialias = true };
        foreach (var (x, y, count, colour) in dots.OrderByDescending(d => d.Count))
        {
            var size = 6 + (2.5f * (float)Math.Log2(count));
            var at = plot.GetPixel(new Coordinates(x, y));

            // A round-capped stroke a hair long is a disc in a few bytes (a filled circle is 32 curves in the PDF).
            outline.StrokeWidth = size + 1.5f;
            canvas.DrawLine(at.X, at.Y, at.X + 0.01f, at.Y, outline);
            fill.Color = ChartText.Sk(colour);
            fill.StrokeWidth = size;
            canvas.DrawLine(at.X, at.Y, at.X + 0.01f, at.Y, fill);
        }

        canvas.Restore();
    }

    public static AxisLimits Zoom(IReadOnlyList<double> lons, IReadOnlyList<double> lats, double aspect)
    {
        if (lons.Count == 0)
        {
            return new AxisLimits(-180, 180, -60, 85);
        }

        double left = lons.Min(), right = lons.Max(), bottom = lats.Min(), top = lats.Max();
        var w = Math.Max(20, (right - left) * 1.2);
        var h = Math.Max(12, (top - bottom) * 1.25);
        var cx = (left + right) / 2;
        var cy = (bottom + top) / 2;
        if (w / h < aspect)
        {
            w = h * aspect;
        }
        else
        {
            h = w / aspect;
        }

        w = Math.Min(w, 360);
        h = Math.Min(h, 180);
        var x = Shift(cx - (w / 2), cx + (w / 2), -180, 180);
        var y = Shift(cy - (h / 2), cy + (h / 2), -90, 90);
        return new AxisLimits(x.Low, x.High, y.Low, y.High);
    }

    private static (double Low, double High) Shift(double low, double high, double min, double max)
    {
        if (low < min)
        {
            (low, high) = (min, high + (min - low));
        }

        if (high > max)
        {
            (low, high) = (Math.Max(min, low - (high - max)), max);
        }

        return (low, high);
    }
}
