using ScottPlot;

using SkiaSharp;

namespace Monitor.Reporting.Charts;

/// <summary>
/// The land under a catchment map as one ScottPlot plottable: the visible rings projected to pixels,
/// simplified there (Douglas–Peucker, <see cref="Tolerance"/>) and rounded to a tenth of a pixel, then
/// filled and outlined as one path each. A polygon plottable per ring made two paths and a clip per ring
/// (about 930 elements and 520 KB of each map's SVG at full float precision).
/// </summary>
/// <param name="rings">Rings of (longitude, latitude).</param>
internal sealed class LandLayer(IReadOnlyList<Coordinates[]> rings) : IPlottable
{
    /// <summary>
    /// Largest distance, in layout pixels (760 to the chart's width), a dropped point may lie from the simplified
    /// outline: about one pixel of the PNG (0.33 pt), so no vertex carries detail finer than the finest output shows.
    /// </summary>
    public const float Tolerance = 0.5f;

    private static readonly SKColor Fill = new(0xEC, 0xEC, 0xEC);
    private static readonly SKColor Line = new(0xCF, 0xCF, 0xCF);

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public IAxes Axes { get; set; } = new Axes();

    /// <inheritdoc/>
    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <inheritdoc/>
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    /// <inheritdoc/>
    public void Render(RenderPack rp)
    {
        ArgumentNullException.ThrowIfNull(rp);
        if (rp.Canvas is SKNoDrawCanvas)
        {
            return;
        }

        using var path = new SKPath { FillType = SKPathFillType.Winding };
        var pixels = new List<SKPoint>();
        foreach (var ring in rings)
        {
            pixels.Clear();
            foreach (var c in ring)
            {
                var p = Axes.GetPixel(c);
                pixels.Add(new SKPoint(p.X, p.Y));
            }

            var kept = Simplify(pixels, Tolerance);
            if (kept.Count < 3)
            {
                continue;
            }

            path.MoveTo(Round(kept[0]));
            for (var i = 1; i < kept.Count; i++)
            {
                path.LineTo(Round(kept[i]));
            }

            path.Close();
        }

        using var fill = new SKPaint { Color = Fill, Style = SKPaintStyle.Fill, IsAntialias = true };
        using var line = new SKPaint { Color = Line, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f, IsAntialias = true };
        rp.Canvas.DrawPath(path, fill);
        rp.Canvas.DrawPath(path, line);
    }

    /// <summary>Douglas–Peucker: the points of <paramref name="points"/> needed to stay within <paramref name="tolerance"/> of it (first and last kept).</summary>
    public static List<SKPoint> Simplify(IReadOnlyList<SKPoint> points, float tolerance)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            return [.. points];
        }

        var keep = new bool[points.Count];
        keep[0] = keep[^1] = true;
        var spans = new Stack<(int From, int To)>();
        spans.Push((0, points.Count - 1));
        while (spans.Count > 0)
        {
            var (from, to) = spans.Pop();
            var farthest = -1;
            var most = tolerance;
            for (var i = from + 1; i < to; i++)
            {
                var d = Distance(points[i], points[from], points[to]);
                if (d > most)
                {
                    most = d;
                    farthest = i;
                }
            }

            if (farthest >= 0)
            {
                keep[farthest] = true;
                spans.Push((from, farthest));
                spans.Push((farthest, to));
            }
        }

        var kept = new List<SKPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            if (keep[i])
            {
                kept.Add(points[i]);
            }
        }

        return kept;
    }

    /// <summary>Distance of <paramref name="p"/> from the segment <paramref name="a"/>–<paramref name="b"/>.</summary>
    private static float Distance(SKPoint p, SKPoint a, SKPoint b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length = (dx * dx) + (dy * dy);
        var t = length == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / length, 0, 1);
        var ex = p.X - (a.X + (t * dx));
        var ey = p.Y - (a.Y + (t * dy));
        return MathF.Sqrt((ex * ex) + (ey * ey));
    }

    private static SKPoint Round(SKPoint p) => new(MathF.Round(p.X, 1), MathF.Round(p.Y, 1));
}
