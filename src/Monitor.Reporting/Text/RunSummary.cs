using System.Globalization;
using System.Text;
using System.Text.Json;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Storage;

namespace Monitor.Reporting.Text;

/// <summary>
/// The report <c>monitor run --report DIR</c> writes when a run ends: a latency and identity summary
/// per vantage point and target (text and JSON); <see cref="ReportWriter.WriteAsync"/> writes the PDF, charts and exports.
/// </summary>
internal static class RunSummary
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes <c>summary.txt</c> and <c>summary.json</c>, one series at a time from the log.</summary>
    /// <param name="log">The measurements.</param>
    /// <param name="description">Where they are (no secrets).</param>
    /// <param name="directory">The directory (created when missing).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(IMeasurementLog log, string description, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(directory);

        // Series order: one series in memory at a time; only its summary is kept.
        var groups = new List<(string VantageId, ProbeSummary Summary, DateTimeOffset First, DateTimeOffset Last)>();
        var series = new List<Measurement>();
        long count = 0;
        void Close()
        {
            if (series.Count > 0)
            {
                groups.Add((series[0].VantageId, ProbeSummary.Of(series[0].TargetId, series), series.Min(m => m.Started), series.Max(m => m.Started)));
                series.Clear();
            }
        }

        await foreach (var m in log.ReadMeasurementsAsync(MeasurementQuery.All with { Order = MeasurementOrder.Series }, cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (series.Count > 0 && (series[0].VantageId != m.VantageId || series[0].TargetId != m.TargetId))
            {
                Close();
            }

            series.Add(m);
        }

        Close();
        groups = [.. groups.OrderBy(g => g.VantageId, StringComparer.Ordinal).ThenBy(g => g.Summary.TargetId, StringComparer.Ordinal)];

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Monitor report, {description}, {count} measurement(s)");
        text.AppendLine("RTT in ms over answered probes; p50 is the median (type-7 percentiles); loss counts timeouts, network errors and malformed replies.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"vantage",-12} {"target",-20} {"sent",6} {"loss%",6} {"min",9} {"p50",9} {"p95",9} {"max",9}  identities");
        foreach (var (vantage, s, _, _) in groups)
        {
            var l = s.Latency;
            text.AppendLine(CultureInfo.InvariantCulture, $"{vantage,-12} {s.TargetId,-20} {l.Sent,6} {l.LossPercent,6:0.0} {OutputWords.Ms(l.MinMs),9} {OutputWords.Ms(l.P50Ms),9} {OutputWords.Ms(l.P95Ms),9} {OutputWords.Ms(l.MaxMs),9}  {string.Join(", ", s.Identities.Select(kv => $"{kv.Key} ({kv.Value})"))}");
        }

        var summaryText = Path.Combine(directory, "summary.txt");
        await File.WriteAllTextAsync(summaryText, text.ToString(), cancellationToken).ConfigureAwait(false);

        var summaryJson = Path.Combine(directory, "summary.json");
        await File.WriteAllTextAsync(
            summaryJson,
            JsonSerializer.Serialize(
                groups.Select(g => new
                {
                    Vantage = g.VantageId,
                    Target = g.Summary.TargetId,
                    From = OutputWords.Utc(g.First),
                    To = OutputWords.Utc(g.Last),
                    g.Summary.Latency.Sent,
                    g.Summary.Latency.Answered,
                    LossPct = Math.Round(g.Summary.Latency.LossPercent, 3),
                    g.Summary.Latency.MinMs,
                    g.Summary.Latency.P50Ms,
                    g.Summary.Latency.P95Ms,
                    g.Summary.Latency.MaxMs,
                    Identities = g.Summary.Identities.Select(kv => new { Identity = kv.Key, Count = kv.Value }),
                }),
                Json),
            cancellationToken).ConfigureAwait(false);

        return [summaryText, summaryJson];
    }
}
