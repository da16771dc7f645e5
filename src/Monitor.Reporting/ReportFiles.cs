using Monitor.Reporting.Charts;

using ScottPlot;

namespace Monitor.Reporting;

/// <summary>The charts of a report by file name, and writing them as PNG.</summary>
public static class ReportFiles
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 1400;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 800;

    /// <summary>The file stem of the failover chart, drawn in the PDF's "Anycast promises" section.</summary>
    public const string FailoverChart = "failover-gaps";

    /// <summary>Failovers of one target closer than this are one event in the failover chart.</summary>
    public static readonly TimeSpan FailoverEventGap = TimeSpan.FromSeconds(90);

    /// <summary>The charts, by file stem, in report order; time-series charts once per target.</summary>
    public static IReadOnlyList<(string Name, Func<Plot> Create)> Charts(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var a = content.Analysis;
        var charts = new List<(string, Func<Plot>)>
        {
            ("latency-cdf", () => ReportCharts.LatencyCdf(a, content.Series)),
            ("world-map", () => ReportCharts.WorldMap(a, content.Vantages, content.Series)),
            ("catchment-matrix", () => ReportCharts.CatchmentMatrix(a)),
            ("site-shares", () => ReportCharts.SiteShares(a)),
        };
        foreach (var (target, i) in content.Series.Targets.Select((t, i) => (t, i + 1)))
        {
            charts.Add(($"latency-over-time-{i}", () => ReportCharts.LatencyOverTime(a, content.Series, target)));
            charts.Add(($"shift-timeline-{i}", () => ReportCharts.ShiftTimeline(a, content.Series, target)));
        }

        if (a.Failovers.Count > 0)
        {
            charts.Add((FailoverChart, () => ReportCharts.FailoverGaps(a, FailoverEventGap)));
        }

        return charts;
    }

    /// <summary>Writes every chart as <c>NAME.png</c> into a directory; returns the paths, reporting each as written.</summary>
    public static IReadOnlyList<string> WritePngs(ReportContent content, string directory, Action<string>? written = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (name, create) in Charts(content))
        {
            using var plot = create();
            var path = Path.Combine(directory, name + ".png");
            plot.SavePng(path, Width, Height);
            paths.Add(path);
            written?.Invoke(path);
        }

        return paths;
    }
}
