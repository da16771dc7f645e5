using System.CommandLine;

using Monitor.Cli.Configuration;
using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Text;
using Monitor.Reporting;
using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor analyze [--db DB] [--from T] [--to T | --last DUR] [--target ID] [--json]</c>: catchment,
/// latency, route changes and events over a window, streamed from the store series by series.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var window = new WindowOptions();
        var target = new Option<string?>("--target") { Description = "Only this target id (one the database knows; an unknown id is an error listing them)" };
        var sites = new Option<string?>("--sites") { Description = "Site rules (YAML, like probes/sites.yaml); default: the built-in rules" };
        var json = CliOptions.Json();
        var groupBy = CliOptions.GroupBy();
        var soaLag = CliOptions.Duration("--soa-lag", "How long a site may serve an older SOA serial than the newest seen before it is flagged", Core.Analysis.Zones.SoaLagDetector.DefaultThreshold);
        var baselineFrom = TimeText.Option("--baseline-from", "Compare the catchment with this earlier window's: its start");
        var baselineTo = TimeText.Option("--baseline-to", "The baseline window's end, exclusive");
        var command = new Command("analyze", "Catchment, latency percentiles, route shifts and events from stored measurements") { db };
        window.AddTo(command);
        command.Options.Add(target);
        command.Options.Add(sites);
        command.Options.Add(baselineFrom);
        command.Options.Add(baselineTo);
        command.Options.Add(groupBy);
        command.Options.Add(soaLag);
        command.Options.Add(json);
        command.Validators.Add(r =>
        {
            if ((r.GetResult(baselineFrom) is null) != (r.GetResult(baselineTo) is null))
            {
                r.AddError("give both --baseline-from and --baseline-to, or neither");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analysisWindow = window.Window(parse, time);
            _ = Task.Run(SiteResolver.WarmUp, CancellationToken.None); // the site tables parse while the database opens
            var rules = SiteRulesLoader.LoadOrDefault(parse.GetValue(sites));
            await using var store = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            await KnownTargets.CheckAsync(store, parse.GetValue(target), cancellationToken).ConfigureAwait(false);
            var options = new Core.Analysis.Routing.RouteOptions { SoaLagThreshold = parse.GetValue(soaLag) };
            var analysis = await StoredAnalysis.RunAsync(store, analysisWindow, parse.GetValue(target), rules, cancellationToken, options: options, grouping: CliOptions.Grouping(parse.GetValue(groupBy))).ConfigureAwait(false);
            var report = analysis.Report;
            CatchmentComparison? comparison = null;
            if (parse.GetValue(baselineFrom) is { } bFrom && parse.GetValue(baselineTo) is { } bTo)
            {
                if (bTo <= bFrom)
                {
                    throw new BadInputException($"--baseline-to {OutputWords.Utc(bTo)} is not after --baseline-from {OutputWords.Utc(bFrom)}");
                }

                var baseline = await StoredAnalysis.RunAsync(store, new AnalysisWindow(bFrom, bTo), parse.GetValue(target), rules, cancellationToken, options: options, grouping: CliOptions.Grouping(parse.GetValue(groupBy))).ConfigureAwait(false);
                comparison = CatchmentComparison.Compare(baseline.Report, report);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(ReportWriter.AnalysisJson(report, comparison));
            }
            else
            {
                ReportWriter.WriteAnalysisText(report, store.Description, comparison, output);
            }

            return analysis.AnyAnswer ? ExitCodes.Success : ExitCodes.NothingAnswered;
        });
        return command;
    }
}
