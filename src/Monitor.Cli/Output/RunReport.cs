using System.Globalization;
using System.Text;
using System.Text.Json;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Reporting.Text;
using Monitor.Storage;

namespace Monitor.Cli.Output;

/// <summary>
/// The report <c>monitor run --report DIR</c> writes when a run ends: a latency and identity summary
/// per vantage point and target (text and JSON); <see cref="FullReport"/> adds the PDF, charts and exports.
/// </summary>
internal static class RunReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<IReadOnlyList<string>> WriteAsync(IMeasurementStore store, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var measurements = await store.ReadMeasurementsAsync(MeasurementQuery.All, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var groups = measurements
            .GroupBy(m => (m.VantageId, m.TargetId))
            .OrderBy(g => g.Key.VantageId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TargetId, StringComparer.Ordinal)
            .Select(g => (g.Key.VantageId, Summary: ProbeSummary.Of(g.Key.TargetId, [.. g]), First: g.Min(m => m.Started), Last: g.Max(m => m.Started)))
            .ToList();

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Monitor report, {store.Description}, {measurements.Count} measurement(s)");
        text.AppendLine("RTT in ms over answered probes; p50 is the median (type-7 percentiles); loss counts timeouts, network errors and malformed replies.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"vantage",-12} {"target",-20} {"sent",6} {"loss%",6} {"min",9} {"p50",9} {"p95",9} {"max",9}  identities");
        foreach (var (vantage, s, _, _) in groups)
        {
            var l = s.Latency;
            text.AppendLine(CultureInfo.InvariantCulture, $"{vantage,-12} {s.TargetId,-20} {l.Sent,6} {l.LossPercent,6:0.0} {Formats.Ms(l.MinMs),9} {Formats.Ms(l.P50Ms),9} {Formats.Ms(l.P95Ms),9} {Formats.Ms(l.MaxMs),9}  {string.Join(", ", s.Identities.Select(kv => $"{kv.Key} ({kv.Value})"))}");
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
                    From = Formats.Utc(g.First),
                    To = Formats.Utc(g.Last),
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

    /// <summary>
    /// A CSV field: quoted when needed, and a leading <c>= + - @</c> (or tab/CR) prefixed with a quote
    /// mark so spreadsheets never run it as a formula (OWASP CSV injection).
    /// </summary>
    public static string Csv(string? value) => SafeText.CsvField(value);
}
