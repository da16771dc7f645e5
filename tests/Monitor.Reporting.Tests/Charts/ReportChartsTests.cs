using System.Text.RegularExpressions;

using Monitor.Reporting.Charts;
using Monitor.Reporting.View;

using ScottPlot;

namespace Monitor.Reporting.Tests.Charts;

public sealed class ReportChartsTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task WritePngs_Sample_EveryChartOnceValidSizedNotBlank()
    {
        var content = await SampleReport.BuildAsync();
        using var document = ReportDocument.Build(content);
        var directory = Directory.CreateTempSubdirectory("monitor-charts-").FullName;
        try
        {
            var paths = ReportFiles.WritePngs(document, directory);

            // Small multiples (8 rows: one page), one map per anycast target (4), the CDF and the site shares.
            // No failover chart: quad9's gap at vp-jnb came back on JNB, an outage.
            Assert.Equal(1 + 4 + 2, paths.Count);
            Assert.Equal(document.Charts.Count, paths.Count);
            Assert.DoesNotContain(paths, p => Path.GetFileName(p) == ReportFiles.FailoverChart + ".png");
            Assert.Equal(paths.Count, paths.Distinct().Count());
            foreach (var (path, chart) in paths.Zip(document.Charts))
            {
                var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                Assert.Equal(PngSignature, bytes[..8]);
                Assert.Equal((int)Math.Ceiling(chart.Width * ReportChart.PngScale), ReadBigEndian(bytes, 16));
                Assert.Equal((int)Math.Ceiling(chart.Height * ReportChart.PngScale), ReadBigEndian(bytes, 20));
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
    public async Task ToSvg_Sample_EveryLabelDrawnOnce()
    {
        var content = await SampleReport.BuildAsync();
        using var document = ReportDocument.Build(content);

        // ScottPlot renders a plot again while a render moves its axis limits (its first render always
        // does): the hidden first pass must not be recorded under the second.
        foreach (var chart in document.Charts)
        {
            var texts = Regex.Matches(chart.ToSvg(), "<text[^>]*>[^<]*</text>").Select(m => m.Value).ToList();
            Assert.NotEmpty(texts);
            var twice = texts.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
            Assert.True(twice is null, $"{chart.Name} draws a label twice at one place: {twice}");
        }
    }

    [Fact]
    public async Task LatencyCdfPerRow_Sample_OneLinePerVantagePointWithAllItsAnswers()
    {
        var content = await SampleReport.BuildAsync();
        var view = new ReportView(content);
        var providers = ReportCharts.CdfProviders(view);

        Assert.Equal(4, providers.Count);
        foreach (var provider in providers)
        {
            using var plot = ReportCharts.LatencyCdfPerRow(view, provider);
            plot.GetImageBytes(800, 500, ImageFormat.Png);
            var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
            var targets = view.Targets.Where(t => view.Providers.GetValueOrDefault(t, t) == provider).ToHashSet();
            var answered = content.Series.Keys.Where(k => targets.Contains(k.Target)).GroupBy(k => k.Vantage)
                .ToDictionary(g => g.Key, g => g.Sum(k => content.Series.Get(k.Vantage, k.Target).Count(p => p.RttMs is > 0)));
            Assert.Equal(answered.Count(a => a.Value > 0), lines.Count);
            foreach (var (vantage, n) in answered.Where(a => a.Value > 0))
            {
                Assert.Single(lines, l => l.LegendText.StartsWith(vantage + " (", StringComparison.Ordinal) && l.LegendText.EndsWith($"n={n})", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task LatencyCdfPerRow_FiftyVantagePoints_TwelveLinesTheLastPoolingTheRest()
    {
        var content = await ScaleNetwork.BuildAsync(50, 40, TestContext.Current.CancellationToken);
        var view = new ReportView(content);
        var provider = ReportCharts.CdfProviders(view)[0];

        using var plot = ReportCharts.LatencyCdfPerRow(view, provider);
        plot.GetImageBytes(800, 500, ImageFormat.Png);

        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(ReportCharts.MaxCdfLines, lines.Count);
        var rows = view.Rows.Count(r => lines.Take(ReportCharts.MaxCdfLines - 1).Any(l => l.LegendText.StartsWith(r.Key + " (", StringComparison.Ordinal)));
        Assert.Equal(ReportCharts.MaxCdfLines - 1, rows);
        Assert.StartsWith($"others: {view.RowCount(view.Rows.Count - rows)} (", lines[^1].LegendText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CdfPerVantage_AddsOneChartPerProviderAfterThePooledCdf()
    {
        var content = await SampleReport.BuildAsync() with { CdfPerVantage = true };
        using var plain = ReportDocument.Build(content with { CdfPerVantage = false });
        using var document = ReportDocument.Build(content);

        var names = document.Charts.Select(c => c.Name).ToList();
        Assert.DoesNotContain(plain.Charts, c => c.Name.StartsWith(ReportFiles.CdfPerVantageChart, StringComparison.Ordinal));
        var at = names.IndexOf("latency-cdf");
        Assert.Equal([.. Enumerable.Range(1, 4).Select(i => $"{ReportFiles.CdfPerVantageChart}-{i}")], names.Skip(at + 1).Take(4));
        Assert.Equal(plain.Charts.Count + 4, document.Charts.Count);
    }

    [Fact]
    public async Task LatencyCdf_Sample_OneLinePerProviderOnALogAxis()
    {
        var content = await SampleReport.BuildAsync();
        var view = new ReportView(content);

        using var plot = ReportCharts.LatencyCdf(view);
        plot.GetImageBytes(800, 500, ImageFormat.Png);

        Assert.Equal(4, plot.GetPlottables<ScottPlot.Plottables.Scatter>().Count());
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Contains(ticks, t => t.Label == "10" && Math.Abs(t.Position - 1) < 1e-9);
        Assert.Contains(ticks, t => t.Label == "100" && Math.Abs(t.Position - 2) < 1e-9);
        Assert.True(plot.Axes.Bottom.Min >= 0, "the log axis starts at 1 ms or above for this sample");
    }

    [Fact]
    public void Palette_ManySites_NeverGivesTheReservedColours()
    {
        var sites = Enumerable.Range(0, 40).Select(i => $"S{i:00}").ToList();
        var palette = new SitePalette(sites, unknown: ["node-7.example"]);

        Assert.All(sites, s => Assert.NotEqual(SitePalette.Lost, palette[s]));
        Assert.All(sites, s => Assert.NotEqual(SitePalette.Unknown, palette[s]));
        Assert.Equal(SitePalette.Unknown, palette["node-7.example"]);
        Assert.Equal(SitePalette.Lost, palette[null]);
        Assert.Equal(SitePalette.Distinct, sites.Take(SitePalette.Distinct).Select(s => palette[s]).Distinct().Count());
    }

    [Theory]
    [InlineData(4.9, 52.4, 4.9, 52.4)]
    [InlineData(-170, -85, 175, 89)]
    [InlineData(151.2, -33.9, 174.8, -36.8)]
    public void Zoom_AnyData_InsideTheWorldAndAroundTheData(double lon1, double lat1, double lon2, double lat2)
    {
        var limits = CatchmentMap.Zoom([lon1, lon2], [lat1, lat2], 2.2);

        Assert.InRange(limits.Bottom, -90, 90);
        Assert.InRange(limits.Top, -90, 90);
        Assert.InRange(limits.Left, -180, 180);
        Assert.InRange(limits.Right, -180, 180);
        Assert.True(limits.Left <= Math.Min(lon1, lon2) && limits.Right >= Math.Max(lon1, lon2));
        Assert.True(limits.Bottom <= Math.Min(lat1, lat2) && limits.Top >= Math.Max(lat1, lat2));
        if (Math.Abs(lon1 - lon2) < 30)
        {
            Assert.True(limits.Right - limits.Left < 120, "a one-region data set is zoomed in, not a world map");
        }
    }

    [Fact]
    public async Task SmallMultiplesAxis_Sample_LogAndAboveZero()
    {
        var content = await SampleReport.BuildAsync();

        var (low, high) = SmallMultiples.Axis(new ReportView(content));

        Assert.True(low > 0);
        Assert.True(high >= content.Analysis.TargetLatency.Max(t => t.Latency.P95Ms!.Value));
        Assert.True(low <= content.Analysis.Latency.Min(l => l.Latency.MinMs!.Value));
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
}
