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

        // Every column heading whole, inside its column, at a readable size: narrow columns turn their
        // headings upright rather than shrink them (at 20 targets they had shrunk to about 3 pt).
        var view = document.View;
        var headings = SmallMultiples.Headings(view, chart.Width);
        Assert.Equal(targets >= 20, headings.Upright);
        var band = letters.Where(l => Centre(l).Y > chart.Height - 14 - headings.Height && Centre(l).Y < chart.Height - 14).ToList();
        var column = SmallMultiples.ColumnWidth(chart.Width, targets);
        for (var t = 0; t < targets; t++)
        {
            var left = 92 + (t * column);
            var mine = band.Where(l => Centre(l).X > left && Centre(l).X < left + column).ToList();
            Assert.All(mine, l =>
            {
                var (x0, y0, x1, y1) = Box(l);
                Assert.True(x0 >= left - 0.5 && x1 <= left + column + 0.5, $"'{l.Value}' of column {t} at {x0:F1}–{x1:F1} outside {left:F1}–{left + column:F1}");
                Assert.True(y1 <= chart.Height - 14 + 0.5 && y0 >= chart.Height - 14 - headings.Height - 0.5, $"'{l.Value}' of column {t} outside the headings' band");
                Assert.True(Size(l) >= SmallMultiples.MinHeadingSize - 0.01, $"'{l.Value}' of column {t} at {Size(l):F1} pt");
            });

            // Read as the eye reads it: upright lines bottom to top, side by side left to right.
            var lines = headings.Upright
                ? mine.GroupBy(l => Math.Round(l.StartBaseLine.X, 1)).OrderBy(g => g.Key).Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.Y).Select(l => l.Value)))
                : mine.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key).Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)));
            // (PdfPig gives no letters for spaces.)
            var provider = view.Providers[view.Targets[t]].Replace(" ", string.Empty, StringComparison.Ordinal);
            Assert.Equal(headings.TwoLines ? [view.Targets[t], provider] : [view.Targets[t] + provider], lines.ToList());
        }

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
                var (a, b) = (Box(letters[i]), Box(letters[j]));
                var w = Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0);
                var h = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0);
                if (w > 0 && h > 0 && w * h > 0.25 * Math.Min((a.X1 - a.X0) * (a.Y1 - a.Y0), (b.X1 - b.X0) * (b.Y1 - b.Y0)))
                {
                    found.Add($"'{letters[i].Value}' at {a} and '{letters[j].Value}' at {b}");
                }
            }
        }

        return found;
    }

    /// <summary>A letter's box on the page, axis-aligned around its four corners (a turned glyph's box is turned).</summary>
    private static (double X0, double Y0, double X1, double Y1) Box(Letter letter)
    {
        var r = letter.BoundingBox;
        double[] xs = [r.TopLeft.X, r.TopRight.X, r.BottomLeft.X, r.BottomRight.X];
        double[] ys = [r.TopLeft.Y, r.TopRight.Y, r.BottomLeft.Y, r.BottomRight.Y];
        return (xs.Min(), ys.Min(), xs.Max(), ys.Max());
    }

    private static (double X, double Y) Centre(Letter letter)
    {
        var (x0, y0, x1, y1) = Box(letter);
        return ((x0 + x1) / 2, (y0 + y1) / 2);
    }

    /// <summary>The size a letter is set at: the length of its text space's vertical unit on the page, whatever its turn.</summary>
    private static double Size(Letter letter) => letter.PointSize;

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
