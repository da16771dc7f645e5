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
/// store (the charts' series along with the analysis when it collected them, else once more; once in time
/// order for both exports), never held whole except as chart points.
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
            var series = analysis.Series ?? await SeriesSet.CollectAsync(store.ReadMeasurementsAsync(analysis.Query, cancellationToken), analysis.Resolver.Resolve, cancellationToken).ConfigureAwait(false);
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

        // One read in time order feeds both measurement exports.
        var timeQuery = analysis.Query with { Order = MeasurementOrder.Time, AllKinds = false };
        var csv = (formats & ReportFormats.Csv) != 0;
        var json = (formats & ReportFormats.Json) != 0;
        var measurementsCsv = Path.Combine(directory, "measurements.csv");
        var measurementsJsonl = Path.Combine(directory, "measurements.jsonl");
        if (csv || json)
        {
            await WriteMeasurementsAsync(store.ReadMeasurementsAsync(timeQuery, cancellationToken), csv ? measurementsCsv : null, json ? measurementsJsonl : null, cancellationToken).ConfigureAwait(false);
        }

        if (csv)
        {
            Done(measurementsCsv);
            foreach (var (name, text) in new[] { ("latency.csv", CsvExport.Latency(report)), ("catchment.csv", CsvExport.Catchment(report)), ("changes.csv", CsvExport.Changes(report)) })
            {
                var path = Path.Combine(directory, name);
                await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
                Done(path);
            }
        }

        if (json)
        {
            var analysisJson = Path.Combine(directory, "analysis.json");
            await File.WriteAllTextAsync(analysisJson, AnalysisJson.Serialize(report), cancellationToken).ConfigureAwait(false);
            Done(analysisJson);
            Done(measurementsJsonl);
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

    /// <summary>
    /// Writes each measurement as a CSV row (<paramref name="csvPath"/>) and as a JSON line (<paramref name="jsonlPath"/>),
    /// either may be null; row by row through buffered writers.
    /// </summary>
    private static async Task WriteMeasurementsAsync(IAsyncEnumerable<Measurement> measurements, string? csvPath, string? jsonlPath, CancellationToken cancellationToken)
    {
        const int bufferBytes = 1 << 16;
        await using var csvStream = csvPath is null ? null : new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferBytes);
        await using var csv = csvStream is null ? null : new StreamWriter(csvStream, new UTF8Encoding(false), bufferBytes);
        await using var jsonl = jsonlPath is null ? null : new FileStream(jsonlPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferBytes);
        var line = new StringBuilder();
        await using var json = jsonl is null ? null : new Utf8JsonWriter(jsonl, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        csv?.Write(CsvExport.MeasurementsHeader + "\n");
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (csv is not null)
            {
                csv.Write(CsvExport.WriteMeasurement(m, line.Clear(), DnsRcodes.Name));
            }

            if (json is not null)
            {
                // One writer for every line: reset after each object, which is then complete in the stream.
                WriteJsonLine(json, m);
                json.Flush();
                json.Reset();
                jsonl!.WriteByte((byte)'\n');
            }
        }
    }

    private static void WriteJsonLine(Utf8JsonWriter json, Measurement m)
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
}
