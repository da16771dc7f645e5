using System.Text.RegularExpressions;

using Monitor.Reporting.Html;

namespace Monitor.Reporting.Tests.Html;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-html-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_Sample_SelfContainedWithGridTablesAndEveryChartAsSvg()
    {
        using var document = ReportDocument.Build(await SampleReport.BuildAsync());

        var html = Write(document);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"grid\"", html, StringComparison.Ordinal);
        Assert.Contains("AMS→LHR", html, StringComparison.Ordinal);
        Assert.Contains("id=\"site-filter\"", html, StringComparison.Ordinal);
        Assert.Equal(document.Charts.Count, Regex.Count(html, "<figure class=\"chart\""));
        Assert.Equal(document.Charts.Count, Regex.Count(html, "<svg "));

        // Nothing outside the file: no external URL but the SVG namespaces, no <link>, no src attribute.
        var urls = Urls().Matches(html).Select(m => m.Value).Distinct().ToList();
        Assert.All(urls, u => Assert.StartsWith("http://www.w3.org/", u, StringComparison.Ordinal));
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);

        // Inline SVGs share one id space: each chart's ids carry its own prefix.
        var ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Chromium_Sample_LoadsWithoutConsoleErrorsGridAndEveryChart()
    {
        Chromium.Require();
        using var document = ReportDocument.Build(await SampleReport.BuildAsync());
        var file = Path.Combine(_directory, "report.html");
        await File.WriteAllTextAsync(file, Write(document), Ct);

        var (dom, console) = await Chromium.DumpDomAsync(file, Ct);
        var shot = Path.Combine(_directory, "report.png");
        var shotConsole = await Chromium.ScreenshotAsync(file, shot, 2400, Ct);

        Assert.Empty(console);
        Assert.Empty(shotConsole);
        Assert.Contains("data-ready=\"yes\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("data-errors", dom, StringComparison.Ordinal);
        Assert.Contains($"data-charts=\"{document.Charts.Count}\"", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"grid\"", dom, StringComparison.Ordinal);
        Assert.True(new FileInfo(shot).Length > 20_000, "the screenshot is not blank");
        var keep = Environment.GetEnvironmentVariable("MONITOR_KEEP_SCREENSHOT");
        if (!string.IsNullOrEmpty(keep))
        {
            File.Copy(shot, keep, overwrite: true);
        }
    }

    [Fact]
    public void Svg_TwoCharts_IdsPrefixedAndDeclarationDropped()
    {
        const string Svg = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"5\"><clipPath id=\"clip_1\"/><g clip-path=\"url(#clip_1)\"><use href=\"#clip_1\"/></g></svg>";

        var inline = HtmlReport.Svg(Svg, "c2");

        Assert.StartsWith("<svg role=\"img\"", inline, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 10 5\"", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"c2-clip_1\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#c2-clip_1)", inline, StringComparison.Ordinal);
        Assert.Contains("href=\"#c2-clip_1\"", inline, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", inline, StringComparison.Ordinal);
    }

    internal static string Write(ReportDocument document)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(document, writer);
        return writer.ToString();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex("https?://[^\"' )<>]+")]
    private static partial Regex Urls();
}
