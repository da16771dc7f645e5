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
    /// <summary>The CSV exports of the analysis (latency, catchment, changes).</summary>
    Csv = 4,
    /// <summary><c>analysis.json</c>.</summary>
    Json = 8,
    /// <summary><c>report.html</c>: one self-contained file, charts inline as SVG.</summary>
    Html = 16,
    /// <summary>
    /// The per-row exports, one line per measurement: <c>measurements.csv</c> with <see cref="Csv"/>,
    /// <c>measurements.jsonl</c> with <see cref="Json"/>, both when neither is asked for. Never written
    /// unless asked: at ten million rows they take longer than the whole analysis.
    /// </summary>
    Measurements = 32,
    /// <summary>Every kind made from the analysis (the default): everything but <see cref="Measurements"/>.</summary>
    All = Pdf | Png | Csv | Json | Html,
}
