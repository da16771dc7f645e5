namespace Monitor.Reporting;

/// <summary>The file kinds <c>monitor report --format</c> can write.</summary>
[Flags]
public enum ReportFormats
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary><c>report.pdf</c>.</summary>
    Pdf = 1,
    /// <summary>One PNG per chart.</summary>
    Png = 2,
    /// <summary>The CSV exports (measurements, latency, catchment, changes).</summary>
    Csv = 4,
    /// <summary><c>analysis.json</c> and <c>measurements.jsonl</c>.</summary>
    Json = 8,
    /// <summary><c>report.html</c>: one self-contained file, charts inline as SVG.</summary>
    Html = 16,
    /// <summary>Every kind.</summary>
    All = Pdf | Png | Csv | Json | Html,
}
