using System.CommandLine;
using System.Text.Json;

using Monitor.Cli.Configuration;
using Monitor.Core.Analysis.Sites;
using Monitor.Reporting;
using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor report [--db DB] --out DIR [--from T] [--to T | --last DUR] [--format pdf,png,csv,json,html,measurements] [--title TEXT] [--cdf-per-vantage] [--json]</c>:
/// a PDF, an HTML page, PNG charts and CSV/JSON exports of a window of stored measurements.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var output = new Option<string>("--out") { Description = "The directory to write into (created when missing)", Required = true };
        var window = new WindowOptions();
        var formats = new Option<string?>("--format") { Description = "Any of pdf,png,csv,json,html,measurements (default: pdf,png,csv,json,html; measurements adds the per-row measurements.csv/.jsonl)" };
        var title = new Option<string?>("--title") { Description = "The report's title" };
        var sites = new Option<string?>("--sites") { Description = "Site rules (YAML, like probes/sites.yaml); default: the built-in rules" };
        var cdfPerVantage = new Option<bool>("--cdf-per-vantage") { Description = "Add per provider a latency CDF with one line per vantage point (or group with --group-by); beyond 12 lines the most measured 11 and one line for the others" };
        var json = CliOptions.Json();
        var groupBy = CliOptions.GroupBy();
        var soaLag = CliOptions.Duration("--soa-lag", "How long a site may serve an older SOA serial than the newest seen before it is flagged", Core.Analysis.Zones.SoaLagDetector.DefaultThreshold);
        var command = new Command("report", "A PDF report, PNG charts and CSV/JSON exports from stored measurements") { db, output };
        window.AddTo(command);
        command.Options.Add(formats);
        command.Options.Add(title);
        command.Options.Add(sites);
        command.Options.Add(groupBy);
        command.Options.Add(soaLag);
        command.Options.Add(cdfPerVantage);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analysisWindow = window.Window(parse, time);
            if (!ReportWriter.TryParseFormats(parse.GetValue(formats), out var kinds, out var formatError))
            {
                throw new BadInputException($"--format: {formatError}");
            }

            var rules = SiteRulesLoader.LoadOrDefault(parse.GetValue(sites));
            var directory = parse.GetValue(output)!;
            _ = Task.Run(SiteResolver.WarmUp, CancellationToken.None); // the site tables parse while the database opens
            await using var store = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(directory))
            {
                CheckWritable(directory); // before the analysis, which may take a while
            }
            var analysis = await StoredAnalysis.RunAsync(store, analysisWindow, targetId: null, rules, cancellationToken, withSeries: (kinds & (ReportFormats.Pdf | ReportFormats.Png | ReportFormats.Html)) != 0, options: new Core.Analysis.Routing.RouteOptions { SoaLagThreshold = parse.GetValue(soaLag) }, grouping: CliOptions.Grouping(parse.GetValue(groupBy))).ConfigureAwait(false);
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!analysis.AnyAnswer)
            {
                error.WriteLine("monitor report: no answers in the window; nothing to report");
                return ExitCodes.NothingAnswered;
            }

            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new BadInputException($"--out: cannot create '{directory}' ({ex.Message})", ex);
            }

            CheckWritable(directory);
            var asJson = parse.GetValue(json);
            IReadOnlyList<string> files;
            try
            {
                files = await new ReportWriter(store) { CdfPerVantage = parse.GetValue(cdfPerVantage) }.WriteAsync(
                    analysis,
                    parse.GetValue(title) ?? "DNS latency report",
                    [],
                    kinds,
                    time.GetUtcNow(),
                    directory,
                    path =>
                    {
                        if (!asJson)
                        {
                            console.WriteLine($"wrote {path}");
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new BadInputException($"--out: cannot write into '{directory}' ({ex.Message})", ex);
            }

            if (asJson)
            {
                console.WriteLine(JsonSerializer.Serialize(new { files }));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Creates and deletes a file in <paramref name="directory"/>: one that cannot take files is bad input, not a stack trace.</summary>
    private static void CheckWritable(string directory)
    {
        var probe = Path.Combine(directory, $".monitor-write-test-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--out: cannot write into '{directory}' ({ex.Message})", ex);
        }
    }
}
