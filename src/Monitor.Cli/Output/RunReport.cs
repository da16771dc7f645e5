using System.Globalization;
using System.Text;
using System.Text.Json;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Storage;

namespace Monitor.Cli.Output;

/// <summary>
/// The report <c>monitor run --report DIR</c> writes when a run ends: a latency and identity summary
/// per vantage point and target (text and JSON) and the raw measurements as CSV. Charts and the PDF
/// build on this.
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

        var csv = Path.Combine(directory, "measurements.csv");
        var lines = new StringBuilder("id,round_id,vantage,target,time,outcome,rtt_ms,rcode,id_server,hostname_bind,nsid,error\n");
        foreach (var m in measurements)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{m.Id},{m.RoundId},{Csv(m.VantageId)},{Csv(m.TargetId)},{Formats.Utc(m.Started)},{Formats.Outcome(m.Outcome)},")
                .Append(CultureInfo.InvariantCulture, $"{(m.Rtt is { } rtt ? rtt.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty)},")
                .Append(CultureInfo.InvariantCulture, $"{(m.Rcode is { } rcode ? DnsRcodes.Name(rcode) : string.Empty)},")
                .Append(CultureInfo.InvariantCulture, $"{Csv(m.Identity.IdServer?.Text)},{Csv(m.Identity.HostnameBind?.Text)},{Csv(m.Identity.Nsid?.Text)},{Csv(m.Error)}\n");
        }

        await File.WriteAllTextAsync(csv, lines.ToString(), cancellationToken).ConfigureAwait(false);
        return [summaryText, summaryJson, csv];
    }

    /// <summary>
    /// A CSV field: quoted when needed, and a leading <c>= + - @</c> (or tab/CR) prefixed with a quote
    /// mark so spreadsheets never run it as a formula (OWASP CSV injection).
    /// </summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
