using Monitor.Core.Analysis;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Reporting.Export;
using Monitor.Reporting.Html;
using Monitor.Reporting.Pdf;
using Monitor.Reporting.Text;
using Monitor.Storage;

namespace Monitor.Reporting;

/// <summary>
/// The one entry to every output Monitor writes from stored measurements: the full report
/// (<c>report.pdf</c>, <c>report.html</c>, one PNG per chart, CSV, <c>analysis.json</c>, and when asked the per-row
/// <c>measurements.csv</c> and <c>measurements.jsonl</c>),
/// the run summary (<c>summary.txt</c>, <c>summary.json</c>), and the analysis as JSON or text.
/// Measurements are streamed from the log handed to it (the charts' series along with the analysis
/// when it collected them, else once more; once in time order for both exports), never held whole
/// except as chart points. Commands only parse options and call it.
/// </summary>
/// <param name="measurements">Where the measurements are read from.</param>
public sealed class ReportWriter(IMeasurementLog measurements)
{
    private readonly IMeasurementLog _measurements = measurements ?? throw new ArgumentNullException(nameof(measurements));

    /// <summary>When true, <see cref="WriteAsync"/> adds per provider a latency CDF with one line per vantage point (or group).</summary>
    public bool CdfPerVantage { get; init; }

    /// <summary>The analysis as the JSON of <c>monitor analyze --json</c> (documented in the README).</summary>
    /// <param name="report">The analysis.</param>
    /// <param name="comparison">The catchment compared with a baseline window, or null.</param>
    public static string AnalysisJson(AnalysisReport report, CatchmentComparison? comparison = null) =>
        Export.AnalysisJson.Serialize(report, comparison);

    /// <summary>The analysis as readable tables for a terminal.</summary>
    /// <param name="report">The analysis.</param>
    /// <param name="database">Where the data came from (no secrets).</param>
    /// <param name="comparison">The catchment compared with a baseline window, or null.</param>
    /// <param name="output">Where the text goes.</param>
    public static void WriteAnalysisText(AnalysisReport report, string database, CatchmentComparison? comparison, TextWriter output)
    {
        AnalysisText.Write(report, database, output);
        if (comparison is not null)
        {
            AnalysisText.Write(comparison, output);
        }
    }

    /// <summary>Reads <c>pdf,png,csv,json,html,measurements</c>; null means <see cref="ReportFormats.All"/> (no per-row exports).</summary>
    /// <param name="text">The list.</param>
    /// <param name="formats">The kinds named.</param>
    /// <param name="error">Why the list is not valid.</param>
    public static bool TryParseFormats(string? text, out ReportFormats formats, out string error)
    {
        formats = text is null ? ReportFormats.All : ReportFormats.None;
        error = string.Empty;
        foreach (var word in text?.Split(',', StringSplitOptions.TrimEntries) ?? [])
        {
            var kind = word.ToLowerInvariant() switch
            {
                "pdf" => ReportFormats.Pdf,
                "png" => ReportFormats.Png,
                "csv" => ReportFormats.Csv,
                "json" => ReportFormats.Json,
                "html" => ReportFormats.Html,
                "measurements" => ReportFormats.Measurements,
                _ => ReportFormats.None,
            };
            if (kind == ReportFormats.None)
            {
                error = $"'{SafeText.Label(word)}' is not one of pdf, png, csv, json, html, measurements";
                return false;
            }

            formats |= kind;
        }

        return true;
    }

    /// <summary>
    /// Writes the run summary <c>monitor run --report DIR</c> writes when a run ends: latency and
    /// identities per vantage point and target, as <c>summary.txt</c> and <c>summary.json</c>.
    /// </summary>
    /// <param name="description">Where the data is (no secrets), for the heading.</param>
    /// <param name="directory">The directory (created when missing).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The files written.</returns>
    public Task<IReadOnlyList<string>> WriteRunSummaryAsync(string description, string directory, CancellationToken cancellationToken) =>
        RunSummary.WriteAsync(_measurements, description, directory, cancellationToken);

    /// <summary>Writes the full report of an analysed window into <paramref name="directory"/> (created when missing).</summary>
    /// <param name="analysis">The analysis and what it was made from.</param>
    /// <param name="title">The report's title.</param>
    /// <param name="method">Lines added to the PDF's method section.</param>
    /// <param name="formats">Which kinds of file.</param>
    /// <param name="generated">When the report is made (printed in the PDF).</param>
    /// <param name="directory">Where the files go.</param>
    /// <param name="written">Called with each file's path once it is complete.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The files written, in order.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(
        StoredAnalysis analysis,
        string title,
        IReadOnlyList<string> method,
        ReportFormats formats,
        DateTimeOffset generated,
        string directory,
        Action<string> written,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(written);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        void Done(string path)
        {
            files.Add(path);
            written(path);
        }

        var report = analysis.Report;
        if ((formats & (ReportFormats.Pdf | ReportFormats.Png | ReportFormats.Html)) != 0)
        {
            var series = analysis.Series ?? await SeriesSet.CollectAsync(_measurements.ReadMeasurementsAsync(analysis.Query, cancellationToken), analysis.Resolver.Resolve, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> allMethod = [.. TargetMethod(analysis), .. method];
            if (series.TypicalInterval is { } interval)
            {
                allMethod = [.. allMethod, $"Interval: {DurationText.Format(interval)} (median gap between probes of a series)"];
            }

            var content = new ReportContent(title, report, series, analysis.Vantages, allMethod, generated) { Targets = analysis.Targets, CdfPerVantage = CdfPerVantage };

            // Laid out once: every chart is rendered once (in parallel, while the layout goes on) and
            // replayed by the PDF, the HTML and the PNGs, which are written at the same time.
            using var document = ReportDocument.Build(content);
            var pdf = (formats & ReportFormats.Pdf) != 0 ? Path.Combine(directory, "report.pdf") : null;
            var html = (formats & ReportFormats.Html) != 0 ? Path.Combine(directory, "report.html") : null;
            var writing = new List<Task>();
            if (pdf is not null)
            {
                writing.Add(Task.Run(
                    () =>
                    {
                        using var stream = File.Create(pdf);
                        PdfReport.Write(document, stream);
                    },
                    cancellationToken));
            }

            if (html is not null)
            {
                writing.Add(Task.Run(
                    () =>
                    {
                        // The SVGs first, on every core; the page then only stitches them in.
                        Parallel.ForEach(document.Charts, new ParallelOptions { CancellationToken = cancellationToken }, c => c.ToSvg());
                        using var writer = new StreamWriter(html, append: false, new System.Text.UTF8Encoding(false));
                        HtmlReport.Write(document, writer);
                    },
                    cancellationToken));
            }

            IReadOnlyList<string> pngs = [];
            if ((formats & ReportFormats.Png) != 0)
            {
                writing.Add(Task.Run(() => pngs = ReportFiles.WritePngs(document, directory), cancellationToken));
            }

            await Task.WhenAll(writing).ConfigureAwait(false);
            foreach (var path in new[] { pdf, html }.OfType<string>().Concat(pngs))
            {
                Done(path);
            }
        }

        // The per-row exports only when asked for; one read in time order feeds both.
        var timeQuery = analysis.Query with { Order = MeasurementOrder.Time, AllKinds = false };
        var csv = (formats & ReportFormats.Csv) != 0;
        var json = (formats & ReportFormats.Json) != 0;
        var perRow = (formats & ReportFormats.Measurements) != 0;
        var rowsCsv = perRow && (csv || !json);
        var rowsJson = perRow && (json || !csv);
        var measurementsCsv = Path.Combine(directory, "measurements.csv");
        var measurementsJsonl = Path.Combine(directory, "measurements.jsonl");
        if (rowsCsv || rowsJson)
        {
            // Imported measurements carry their RIPE Atlas origin (msm_id, prb_id, probe address) into both exports.
            var origins = _measurements is IImportLog imports ? await imports.ReadOriginsAsync(cancellationToken).ConfigureAwait(false) : null;
            await MeasurementExport.WriteAsync(_measurements.ReadMeasurementsAsync(timeQuery, cancellationToken), rowsCsv ? measurementsCsv : null, rowsJson ? measurementsJsonl : null, cancellationToken, origins is { Count: > 0 } ? origins : null).ConfigureAwait(false);
        }

        if (rowsCsv)
        {
            Done(measurementsCsv);
        }

        if (csv)
        {
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
            await File.WriteAllTextAsync(analysisJson, Export.AnalysisJson.Serialize(report), cancellationToken).ConfigureAwait(false);
            Done(analysisJson);
        }

        if (rowsJson)
        {
            Done(measurementsJsonl);
        }

        return files;
    }

    /// <summary>
    /// One line per reported target: query, transport, endpoint, RD bit and identity methods, as the store's
    /// targets table defines the target (probes do not record them one by one).
    /// </summary>
    public static IEnumerable<string> TargetMethod(StoredAnalysis analysis)
    {
        var defined = analysis.Targets.ToDictionary(t => t.Id, StringComparer.Ordinal);
        yield return "Query per target (as the database's targets table defines it):";
        foreach (var id in analysis.Report.TargetLatency.Select(t => t.TargetId))
        {
            yield return defined.TryGetValue(id, out var t)
                ? $"• {id}: {DnsNames.Question(t.Query)} over {t.Transport.ToString().ToUpperInvariant()} to {EndpointText.Format(t)}, RD {(t.RecursionDesired ? 1 : 0)}, identity {IdentityText.Format(t.Identity)}"
                : $"• {id}: not in the targets table";
        }
    }
}
