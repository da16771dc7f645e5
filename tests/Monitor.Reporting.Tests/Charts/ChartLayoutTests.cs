using Monitor.Reporting.Charts;
using Monitor.Reporting.View;

using SkiaSharp;

using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Monitor.Reporting.Tests.Charts;

/// <summary>Every label readable: no two labels of a chart drawn over each other, legends off the lines, read back from a PDF with PdfPig.</summary>
public sealed class ChartLayoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(30)]
    public async Task SmallMultiples_ManyTargets_NoLabelOverLabelAndTheWindowNamed(int targets)
    {
        var content = await ScaleNetwork.BuildAsync(6, 20, Ct, targets);
        using var document = ReportDocument.Build(content);
        var chart = document.Charts.First(c => c.Name == "small-multiples-1");

        var letters = Letters(chart.Width, chart.Height, chart.DrawOn);

        Assert.Empty(Overlapping(letters));
        var text = string.Concat(letters.Select(l => l.Value));
        var narrow = !SmallMultiples.TimeLabelsFit("12:00", "12:19", (chart.Width - 92) / targets);
        if (narrow)
        {
            Assert.Contains("eachcolumn:2026-11-27T12:00:", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(targets, CountOf(text, "12:19"));
        }
    }

    [Fact]
    public async Task LatencyCdfPerRow_TwelveLines_LegendOutsideThePlotArea()
    {
        var content = await ScaleNetwork.BuildAsync(50, 10, Ct);
        var view = new ReportView(content);
        using var plot = ReportCharts.LatencyCdfPerRow(view, ReportCharts.CdfProviders(view)[0]);
        const int width = 760, height = 460;

        var letters = Letters(width, height, canvas => plot.Render(canvas, width, height));
        var data = plot.RenderManager.LastRender.DataRect;

        // Every legend label ("vp-00012 (p50 … ms, n=…)") lies outside the rectangle the lines are drawn in.
        var legend = letters.Where(l => l.Value == "=").ToList();
        Assert.Equal(ReportCharts.MaxCdfLines, legend.Select(l => (l.BoundingBox.Left, l.BoundingBox.Bottom)).Distinct().Count());
        Assert.All(legend, l => Assert.True(
            l.BoundingBox.Left >= data.Right || l.BoundingBox.Right <= data.Left || height - l.BoundingBox.Bottom <= data.Top || height - l.BoundingBox.Top >= data.Bottom,
            $"legend letter at {l.BoundingBox} inside the plot area {data}"));
    }

    /// <summary>Draws on one PDF page of the given size and reads its letters back (PDF coordinates, origin bottom left).</summary>
    private static List<Letter> Letters(float width, float height, Action<SKCanvas> draw)
    {
        using var stream = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(stream))
        {
            draw(pdf.BeginPage(width, height));
            pdf.EndPage();
            pdf.Close();
        }

        using var read = PdfDocument.Open(stream.ToArray());
        return [.. read.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))];
    }

    /// <summary>Letters of different labels whose boxes cover a quarter of the smaller one (neighbours in a word may touch).</summary>
    private static List<string> Overlapping(List<Letter> letters)
    {
        var found = new List<string>();
        for (var i = 0; i < letters.Count; i++)
        {
            for (var j = i + 2; j < letters.Count; j++)
            {
                var (a, b) = (letters[i].BoundingBox, letters[j].BoundingBox);
                var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                var h = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
                if (w > 0 && h > 0 && w * h > 0.25 * Math.Min(a.Width * a.Height, b.Width * b.Height))
                {
                    found.Add($"'{letters[i].Value}' at {a} and '{letters[j].Value}' at {b}");
                }
            }
        }

        return found;
    }

    private static int CountOf(string text, string word)
    {
        var n = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
