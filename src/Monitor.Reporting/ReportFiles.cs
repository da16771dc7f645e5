using Monitor.Reporting.Charts;

namespace Monitor.Reporting;

/// <summary>The report's chart file names, and writing its charts (rendered once) as PNG.</summary>
public static class ReportFiles
{
    /// <summary>The file stem of the failover chart, drawn in the "Anycast promises" section.</summary>
    public const string FailoverChart = "failover-gaps";

    /// <summary>The file stem of the per-provider CDFs with a line per vantage point (<c>NAME-1.png</c> …), drawn when asked.</summary>
    public const string CdfPerVantageChart = "latency-cdf-vantage";

    /// <summary>Failovers of one target closer than this are one event in the failover chart.</summary>
    public static readonly TimeSpan FailoverEventGap = TimeSpan.FromSeconds(90);

    /// <summary>Writes every chart of the report as <c>NAME.png</c> into a directory; returns the paths, reporting each as written.</summary>
    public static IReadOnlyList<string> WritePngs(ReportContent content, string directory, Action<string>? written = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var document = ReportDocument.Build(content);
        return WritePngs(document, directory, written);
    }

    internal static IReadOnlyList<string> WritePngs(ReportDocument document, string directory, Action<string>? written = null)
    {
        Directory.CreateDirectory(directory);

        // Encoded on every core (PNG encoding led the report's profile); reported in the charts' order.
        var paths = document.Charts.Select(c => Path.Combine(directory, c.Name + ".png")).ToArray();
        Parallel.For(0, paths.Length, i => document.Charts[i].SavePng(paths[i]));
        foreach (var path in paths)
        {
            written?.Invoke(path);
        }

        return paths;
    }
}
