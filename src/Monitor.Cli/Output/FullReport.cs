using System.Text;
using System.Text.Json;

using Monitor.Cli.Commands;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Reporting;
using Monitor.Reporting.Export;
using Monitor.Reporting.Pdf;
using Monitor.Storage;

namespace Monitor.Cli.Output;

/// <summary>
/// Writes the full report of an analysed window (what <c>monitor report</c> and <c>monitor run --report</c>
/// write): <c>report.pdf</c>, one PNG per chart, CSV and JSON exports. Measurements are streamed from the
/// store (once for the charts' series, once per export), never held whole except as chart points.
/// </summary>
internal static class FullReport
{
    public static async Task<IReadOnlyList<string>> WriteAsync(
        IMeasurementStore store,
        StoredAnalysis analysis,
        string title,
        IReadOnlyList<string> method,
        ReportFormats formats,
        DateTimeOffset generated,
        string directory,
        Action<string> written,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        void Done(string path)
        {
            files.Add(path);
            written(path);
        }

        var report = analysis.Report;
        if ((formats & (ReportFormats.Pdf | ReportFormats.Png)) != 0)
        {
            var series = await SeriesSet.CollectAsync(store.ReadMeasurementsAsync(analysis.Query, cancellationToken), analysis.Resolver.Resolve, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> allMethod = [.. TargetMethod(analysis), .. method];
            if (series.TypicalInterval is { } interval)
            {
                allMethod = [.. allMethod, $"Interval: {DurationText.Format(interval)} (median gap between probes of a series)"];
            }

            var content = new ReportContent(title, report, series, analysis.Vantages, allMethod, generated);
            if ((formats & ReportFormats.Pdf) != 0)
            {
                var pdf = Path.Combine(directory, "report.pdf");
                await using (var stream = File.Create(pdf))
                {
                    PdfReport.Write(content, stream);
                }

                Done(pdf);
            }

            if ((formats & ReportFormats.Png) != 0)
            {
                ReportFiles.WritePngs(content, directory, Done);
            }
        }

        var timeQuery = analysis.Query with { Order = MeasurementOrder.Time, AllKinds = false };
        if ((formats & ReportFormats.Csv) != 0)
        {
            var measurements = Path.Combine(directory, "measurements.csv");
            await using (var writer = new StreamWriter(measurements, append: false, new UTF8Encoding(false)))
            {
                await CsvExport.WriteMeasurementsAsync(store.ReadMeasurementsAsync(timeQuery, cancellationToken), writer, DnsRcodes.Name, cancellationToken).ConfigureAwait(false);
            }

            Done(measurements);
            foreach (var (name, text) in new[] { ("latency.csv", CsvExport.Latency(report)), ("catchment.csv", CsvExport.Catchment(report)), ("changes.csv", CsvExport.Changes(report)) })
            {
                var path = Path.Combine(directory, name);
                await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
                Done(path);
            }
        }

        if ((formats & ReportFormats.Json) != 0)
        {
            var json = Path.Combine(directory, "analysis.json");
            await File.WriteAllTextAsync(json, AnalysisJson.Serialize(report), cancellationToken).ConfigureAwait(false);
            Done(json);
            var lines = Path.Combine(directory, "measurements.jsonl");
            await WriteJsonLinesAsync(store.ReadMeasurementsAsync(timeQuery, cancellationToken), lines, cancellationToken).ConfigureAwait(false);
            Done(lines);
        }

        return files;
    }

    /// <summary>Parses <c>pdf,png,csv,json</c>.</summary>
    /// <exception cref="BadInputException">An unknown or empty format.</exception>
    public static ReportFormats ParseFormats(string? text)
    {
        if (text is null)
        {
            return ReportFormats.All;
        }

        var formats = ReportFormats.None;
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            formats |= word.ToLowerInvariant() switch
            {
                "pdf" => ReportFormats.Pdf,
                "png" => ReportFormats.Png,
                "csv" => ReportFormats.Csv,
                "json" => ReportFormats.Json,
                _ => throw new BadInputException($"--format: '{Reporting.Text.SafeText.Label(word)}' is not one of pdf, png, csv, json"),
            };
        }

        return formats;
    }

    /// <summary>
    /// One line per reported target: query, transport, endpoint, RD bit and identity methods, as the store's
    /// targets table defines the target (probes do not record them one by one).
    /// </summary>
    internal static IEnumerable<string> TargetMethod(StoredAnalysis analysis)
    {
        var defined = analysis.Targets.ToDictionary(t => t.Id, StringComparer.Ordinal);
        yield return "Query per target (as the database's targets table defines it):";
        foreach (var id in analysis.Report.TargetLatency.Select(t => t.TargetId))
        {
            yield return defined.TryGetValue(id, out var t)
                ? $"• {id}: {Formats.Question(t.Query)} over {t.Transport.ToString().ToUpperInvariant()} to {Formats.Label(t)}, RD {(t.RecursionDesired ? 1 : 0)}, identity {IdentityText.Format(t.Identity)}"
                : $"• {id}: not in the targets table";
        }
    }

    private static async Task WriteJsonLinesAsync(IAsyncEnumerable<Measurement> measurements, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await using (var json = new Utf8JsonWriter(stream, options))
            {
                json.WriteStartObject();
                json.WriteString("id", m.Id);
                json.WriteString("round_id", m.RoundId?.ToString());
                json.WriteString("vantage", m.VantageId);
                json.WriteString("target", m.TargetId);
                json.WriteString("time", Formats.Utc(m.Started));
                json.WriteString("outcome", Formats.Outcome(m.Outcome));
                if (m.Rtt is { } rtt)
                {
                    json.WriteNumber("rtt_ms", Math.Round(rtt.TotalMilliseconds, 3));
                }
                else
                {
                    json.WriteNull("rtt_ms");
                }

                json.WriteString("rcode", m.Rcode is { } rcode ? DnsRcodes.Name(rcode) : null);
                json.WriteString("id_server", m.Identity.IdServer?.Text);
                json.WriteString("hostname_bind", m.Identity.HostnameBind?.Text);
                json.WriteString("nsid", m.Identity.Nsid?.Text);
                json.WriteString("error", m.Error);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }

    }
}
