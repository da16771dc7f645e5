using System.Text;

using ScottPlot;

using SkiaSharp;

namespace Monitor.Reporting.Charts;

/// <summary>
/// One chart of a report, drawn once into a recorded picture (vectors) whose units are PDF points; the
/// PDF page, the PNG file and the HTML's inline SVG all replay the same picture, so a chart is never
/// computed or rendered twice. The drawing runs on the thread pool as soon as the chart is made (its
/// size is known before), so the charts of a report are drawn in parallel while the layout goes on;
/// replaying waits for it. A recorded picture is immutable: the PDF, the PNG and the SVG may replay it
/// at the same time.
/// </summary>
public sealed class ReportChart : IDisposable
{
    /// <summary>Logical width a ScottPlot chart is laid out at before it is scaled to <see cref="Width"/>.</summary>
    private const float PlotLogicalWidth = 760;

    /// <summary>PNG pixels per PDF point.</summary>
    public const float PngScale = 3;

    private const float SvgScale = 2;

    private readonly Task<SKPicture> _picture;
    private readonly Lazy<string> _svg;

    private ReportChart(string name, string title, float width, float height, Task<SKPicture> picture)
    {
        Name = name;
        Title = title;
        Width = width;
        Height = height;
        _picture = picture;
        _svg = new Lazy<string>(RenderSvg, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The file stem (<c>NAME.png</c>).</summary>
    public string Name { get; }

    /// <summary>What the chart shows (the HTML's caption and the SVG's title).</summary>
    public string Title { get; }

    /// <summary>Width in PDF points.</summary>
    public float Width { get; }

    /// <summary>Height in PDF points.</summary>
    public float Height { get; }

    /// <summary>Draws a ScottPlot chart once, laid out at 760 logical units wide and scaled to <paramref name="width"/> points.</summary>
    public static ReportChart FromPlot(string name, string title, float width, float height, Func<Plot> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var scale = width / PlotLogicalWidth;
        return Draw(name, title, width, height, canvas =>
        {
            using var plot = create();
            canvas.Scale(scale);
            RenderPlot(plot, canvas, (int)PlotLogicalWidth, (int)(height / scale));
        });
    }

    /// <summary>
    /// Renders a ScottPlot plot onto <paramref name="canvas"/> once. ScottPlot renders again as long as a
    /// render changed the axis limits, which the first render of every plot does: recorded, the first
    /// pass stayed in the picture under the second (hidden, but replayed into every PDF page, PNG and
    /// SVG: twice the drawing). The settling pass goes to a canvas that draws nothing, and the canvas is
    /// not cleared first (the chart's own white ground is drawn before; a clear was recorded as a black
    /// rectangle at the plot's full logical size).
    /// </summary>
    internal static void RenderPlot(Plot plot, SKCanvas canvas, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        using (var settle = new SKNoDrawCanvas(width, height))
        {
            plot.Render(settle, width, height);
        }

        plot.Render(canvas, width, height);
    }

    /// <summary>Records a chart drawn by <paramref name="draw"/> in PDF points, on the thread pool (<paramref name="draw"/> must only read shared state).</summary>
    public static ReportChart Draw(string name, string title, float width, float height, Action<SKCanvas> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        ReportFonts.Register();
        return new ReportChart(name, title, width, height, Task.Run(() => Record(width, height, draw)));
    }

    private static SKPicture Record(float width, float height, Action<SKCanvas> draw)
    {
        using var recorder = new SKPictureRecorder();
        var canvas = recorder.BeginRecording(new SKRect(0, 0, width, height));
        // A white background as a rectangle, not Clear: replayed on a PDF page, Clear would wipe the whole page.
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(0, 0, width, height, white);
        }

        draw(canvas);
        return recorder.EndRecording();
    }

    private SKPicture Picture => _picture.GetAwaiter().GetResult();

    /// <summary>Replays the chart with its top left corner at the canvas' origin.</summary>
    public void DrawOn(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.DrawPicture(Picture);
    }

    /// <summary>Writes the chart as an RGB PNG, <see cref="PngScale"/> pixels per point.</summary>
    public void SavePng(string path)
    {
        // Opaque RGBA: every chart has a white ground, so the PNG is RGB without alpha (a quarter less to
        // filter and deflate, no unpremultiplying); edges blend within 3/255 of the BGRA surface.
        var info = new SKImageInfo((int)Math.Ceiling(Width * PngScale), (int)Math.Ceiling(Height * PngScale), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(PngScale);
        surface.Canvas.DrawPicture(Picture);
        using var pixmap = surface.PeekPixels();
        using var file = File.Create(path);
        using var stream = new SKManagedWStream(file);

        // zlib level 3 with the Sub filter: these flat-colour charts compress within a few % of level 6
        // (Skia's default) at about a third of the encoding time, which led the report's profile.
        if (!pixmap.Encode(stream, new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3)))
        {
            throw new IOException($"could not encode {Name} as PNG");
        }
    }

    /// <summary>The chart as a standalone SVG document (text as text in DejaVu Sans, no external references); made once.</summary>
    public string ToSvg() => _svg.Value;

    private string RenderSvg()
    {
        using var stream = new MemoryStream();
        using (var wstream = new SKManagedWStream(stream))
        {
            // Twice the point size: browsers raise font sizes below about 6 units, which would push the
            // smallest labels past their boxes; at 2× every label keeps the size it has in the PDF.
            using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width * SvgScale, Height * SvgScale), wstream);
            canvas.Scale(SvgScale);
            canvas.DrawPicture(Picture);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public void Dispose() =>
        // Freed once drawn (a chart disposed unreplayed may still be drawing); a failed drawing has no picture.
        _picture.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }
                else
                {
                    _ = t.Exception;
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
