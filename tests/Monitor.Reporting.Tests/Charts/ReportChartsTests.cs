using Monitor.Reporting.Charts;

using ScottPlot;

namespace Monitor.Reporting.Tests.Charts;

public sealed class ReportChartsTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task WritePngs_Sample_ValidSizedNotBlank()
    {
        var content = await SampleReport.BuildAsync();
        var directory = Directory.CreateTempSubdirectory("monitor-charts-").FullName;
        try
        {
            var paths = ReportFiles.WritePngs(content, directory);

            // Four overall charts, two per target, and the failover chart (the sample has quad9's outage at vp-jnb).
            Assert.Equal(4 + (2 * 4) + 1, paths.Count);
            Assert.Contains(paths, p => Path.GetFileName(p) == ReportFiles.FailoverChart + ".png");
            foreach (var path in paths)
            {
                var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                Assert.Equal(PngSignature, bytes[..8]);
                Assert.Equal(ReportFiles.Width, ReadBigEndian(bytes, 16));
                Assert.Equal(ReportFiles.Height, ReadBigEndian(bytes, 20));
                using var image = new Image(bytes);
                Assert.True(DistinctColours(image.GetArrayRGB()) > 10, $"{Path.GetFileName(path)} looks blank");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Title_WithEmbeddedFont_RendersText()
    {
        // Without a font ScottPlot draws no text and raises no error: a title must change pixels.
        var content = await SampleReport.BuildAsync();
        using var titled = ReportCharts.CatchmentMatrix(content.Analysis);
        using var untitled = ReportCharts.CatchmentMatrix(content.Analysis);
        untitled.Title(string.Empty);
        untitled.Axes.Title.IsVisible = true;

        var a = titled.GetImageBytes(600, 400, ImageFormat.Png);
        var b = untitled.GetImageBytes(600, 400, ImageFormat.Png);

        using var image = new Image(a);
        var rgb = image.GetArrayRGB();
        var dark = 0;
        for (var y = 0; y < 30; y++)
        {
            for (var x = 0; x < 600; x++)
            {
                dark += rgb[y, x, 0] < 128 ? 1 : 0;
            }
        }

        Assert.NotEqual(a, b);
        Assert.True(dark > 50, $"only {dark} dark pixels in the title area");
    }

    [Fact]
    public async Task LatencyOverTime_Shift_MarkedByVerticalLine()
    {
        var content = await SampleReport.BuildAsync();

        using var plot = ReportCharts.LatencyOverTime(content.Analysis, content.Series, "k-root");

        Assert.Equal(2, plot.GetPlottables<ScottPlot.Plottables.VerticalLine>().Count());
        Assert.Equal(8, plot.GetPlottables<ScottPlot.Plottables.Scatter>().Count());
    }

    [Fact]
    public async Task TimeAxes_Sample_IsoUtcTicksAndDateOnceInAxisLabel()
    {
        var content = await SampleReport.BuildAsync();
        var charts = new Func<Plot>[]
        {
            () => ReportCharts.LatencyOverTime(content.Analysis, content.Series, "k-root"),
            () => ReportCharts.ShiftTimeline(content.Analysis, content.Series, "k-root"),
        };

        foreach (var create in charts)
        {
            using var plot = create();
            plot.GetImageBytes(ReportFiles.Width, ReportFiles.Height, ImageFormat.Png);
            var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();

            // The sample spans 12:00 to 13:00 UTC on one day: times of day, never "11/27/2026 12:00".
            Assert.True(labels.Count >= 3, string.Join(" | ", labels));
            Assert.All(labels, l => Assert.Matches(@"^(11|12|13):[0-5][0-9]$", l));
            Assert.Equal("time (UTC), 2026-11-27", plot.Axes.Bottom.Label.Text);
        }
    }

    [Fact]
    public void TimeTick_ByUnit_IsoStyle()
    {
        var noon = new DateTime(2026, 11, 27, 12, 5, 30, 250, DateTimeKind.Utc);
        var midnight = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal("12:05", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Minute()));
        Assert.Equal("12:05", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Hour()));
        Assert.Equal("2026-11-28", UtcTimeAxis.TimeTick(midnight, new ScottPlot.TickGenerators.TimeUnits.Hour()));
        Assert.Equal("12:05:30", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Second()));
        Assert.Equal("12:05:30.250", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Millisecond()));
        Assert.Equal("2026-11-27", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Day()));
        Assert.Equal("2026-11", UtcTimeAxis.TimeTick(noon, new ScottPlot.TickGenerators.TimeUnits.Month()));
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    private static int DistinctColours(byte[,,] rgb)
    {
        var colours = new HashSet<int>();
        for (var y = 0; y < rgb.GetLength(0); y += 3)
        {
            for (var x = 0; x < rgb.GetLength(1); x += 3)
            {
                colours.Add((rgb[y, x, 0] << 16) | (rgb[y, x, 1] << 8) | rgb[y, x, 2]);
            }
        }

        return colours.Count;
    }

    [Fact]
    public void Downsample_LongSeries_AtMostMaxPoints_RealSamplesInTimeOrder()
    {
        var t0 = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, 100_000).Select(i => new SeriesPoint(t0.AddSeconds(i), i % 7, "AMS")).ToList();

        var drawn = ChartPoints.Downsample(points, 600);

        Assert.InRange(drawn.Count, 590, 600);
        Assert.Equal(drawn.OrderBy(p => p.At), drawn);
        Assert.All(drawn, p => Assert.Contains(p, points));

        // Each bucket's median of 0..6 repeating is 3.
        Assert.All(drawn, p => Assert.Equal(3, p.RttMs));
        var shortOne = points[..500];
        Assert.Same(shortOne, ChartPoints.Downsample(shortOne, 600));
    }

    [Fact]
    public void Columns_LongTimeline_KeepsTheStateSeenMostPerColumn()
    {
        var t0 = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

        // 10,000 probes on AMS with every 50th lost, then 10,000 on LHR.
        var points = Enumerable.Range(0, 20_000).Select(i => new SeriesPoint(t0.AddSeconds(i), 5, i % 50 == 0 ? null : i < 10_000 ? "AMS" : "LHR")).ToList();

        var columns = ChartPoints.Columns(points, 800);

        Assert.InRange(columns.Count, 790, 800);
        Assert.Equal(["AMS", "LHR"], columns.Select(c => c.Site).Distinct());
        Assert.InRange((columns.First(c => c.Site == "LHR").At - t0).TotalSeconds, 9_970, 10_030);
    }
}
