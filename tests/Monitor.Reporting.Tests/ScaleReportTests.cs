using System.Diagnostics;

using Monitor.Reporting.Pdf;
using Monitor.Reporting.Tests.Html;
using Monitor.Reporting.Tests.Pdf;

namespace Monitor.Reporting.Tests;

/// <summary>
/// The report at the sizes it must stay readable at: 13 targets × 50 vantage points in at most 20 pages,
/// 13 × 10,000 in at most 30 (grouped by country automatically), page 1 holding the grid and the
/// findings, no text cut anywhere, and the HTML loading in headless Chromium without errors.
/// </summary>
public sealed class ScaleReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-scale-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(50, 20, 20)]
    [InlineData(10_000, 8, 30)]
    public async Task Render_ThirteenTargets_BoundedPagesGridFindingsNoCutText(int vantages, int probes, int maxPages)
    {
        var watch = Stopwatch.StartNew();
        var content = await ScaleNetwork.BuildAsync(vantages, probes, Ct);
        var analysed = watch.Elapsed;
        using var document = ReportDocument.Build(content);
        var laidOut = watch.Elapsed;
        using var stream = new MemoryStream();
        PdfReport.Write(document, stream);
        var pdf = stream.ToArray();
        var written = watch.Elapsed;
        var pages = PdfWords.Pages(pdf);
        TestContext.Current.TestOutputHelper?.WriteLine($"13 × {vantages}: {pages.Count} pages, {pdf.Length / 1024} KiB, {document.View.Rows.Count} rows by {document.View.RowWord}; analysis {analysed.TotalSeconds:0.0} s, layout and charts {(laidOut - analysed).TotalSeconds:0.0} s, PDF {(written - laidOut).TotalSeconds:0.0} s");
        await File.WriteAllBytesAsync(Path.Combine(_directory, "report.pdf"), pdf, Ct);

        Assert.InRange(pages.Count, 3, maxPages);

        // Small enough to mail: the 10,000-VP report was 17.6 MB while each map's vantage points were
        // ScottPlot markers (32 curves and a clip each); 3.1 MB since they are round-capped strokes.
        Assert.InRange(pdf.Length, 1, 6 * 1024 * 1024);

        // Page 1: the grid (every target's column, rows of vantage points or countries) and the findings.
        var first = pages[0];
        Assert.All(ScaleNetwork.Targets, t => Assert.Contains(t.Id, first, StringComparison.Ordinal));
        Assert.Contains("Findings, most important first", first, StringComparison.Ordinal);
        Assert.Contains("k-root:", first, StringComparison.Ordinal);
        Assert.Contains("AMS → LHR", first, StringComparison.Ordinal);
        if (vantages > 60)
        {
            Assert.Equal("country", document.View.RowWord);
            Assert.Matches(@"[A-Z]{2} \(\d+ VPs\)", first);
            Assert.Contains("grouped automatically", first, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("vp-00000", string.Join(' ', pages), StringComparison.Ordinal);
        }

        // Nothing cut: no ellipsis anywhere (SafeText cuts only hostile or over-long labels, none here).
        Assert.All(pages, p => Assert.DoesNotContain("…", p, StringComparison.Ordinal));

        // Legends of at most 12 entries: the small multiples' key lists 10 sites, unknown site and no answer.
        Assert.True(document.Charts.Count(c => c.Name.StartsWith("catchment-map-", StringComparison.Ordinal)) == 13);

        // The HTML of the same document loads in Chromium with every chart and the grid.
        var html = Path.Combine(_directory, "report.html");
        await File.WriteAllTextAsync(html, HtmlReportTests.Write(document), Ct);
        Chromium.Require();
        var (dom, console) = await Chromium.DumpDomAsync(html, Ct);
        Assert.Empty(console);
        Assert.Contains("data-ready=\"yes\"", dom, StringComparison.Ordinal);
        Assert.Contains($"data-charts=\"{document.Charts.Count}\"", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"grid\"", dom, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        var keep = Environment.GetEnvironmentVariable("MONITOR_KEEP_SCALE");
        if (!string.IsNullOrEmpty(keep))
        {
            foreach (var file in Directory.GetFiles(_directory))
            {
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
            }
        }

        Directory.Delete(_directory, recursive: true);
    }
}
