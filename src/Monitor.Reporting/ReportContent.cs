using Monitor.Core.Analysis;
using Monitor.Core.Domain;

namespace Monitor.Reporting;

/// <summary>Everything a report is made of: the analysis, the probe series, and what describes the run.</summary>
/// <param name="Title">The report's title (untrusted: escaped and shortened where shown).</param>
/// <param name="Analysis">The analysis of the window.</param>
/// <param name="Series">The probe series, for time-series charts and the CDF.</param>
/// <param name="Vantages">The vantage points known, with their locations.</param>
/// <param name="Method">How the data was measured, one line each (query, transport, interval), where known.</param>
/// <param name="Generated">When the report was made, UTC.</param>
public sealed record ReportContent(
    string Title,
    AnalysisReport Analysis,
    SeriesSet Series,
    IReadOnlyList<VantagePoint> Vantages,
    IReadOnlyList<string> Method,
    DateTimeOffset Generated)
{
    /// <summary>The targets as the store defines them (query, RD bit, transport), for the method line; empty when unknown.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    /// <summary>When true, the report adds a latency CDF per provider with one line per vantage point (or group).</summary>
    public bool CdfPerVantage { get; init; }
}
