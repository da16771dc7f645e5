using System.CommandLine;

using Monitor.Cli.Configuration;
using Monitor.Cli.Output;
using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Text;
using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor analyze --db DB [--from T] [--to T | --last DUR] [--target ID] [--json]</c>: catchment,
/// latency, route changes and events over a window, streamed from the store series by series.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = new Option<string>("--db") { Description = "The database: a SQLite file path", Required = true };
        var window = new WindowOptions();
        var target = new Option<string?>("--target") { Description = "Only this target id" };
        var sites = new Option<string?>("--sites") { Description = "Site rules (YAML, like probes/sites.yaml); default: the built-in rules" };
        var json = CliOptions.Json();
        var command = new Command("analyze", "Catchment, latency percentiles, route shifts and events from stored measurements") { db };
        window.AddTo(command);
        command.Options.Add(target);
        command.Options.Add(sites);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analysisWindow = window.Window(parse, time);
            var rules = StoredAnalysis.Rules(parse.GetValue(sites));
            await using var store = await StoreOpener.OpenAsync(parse.GetValue(db)!, mustExist: true, time, cancellationToken).ConfigureAwait(false);
            var analysis = await StoredAnalysis.RunAsync(store, analysisWindow, parse.GetValue(target), rules, cancellationToken).ConfigureAwait(false);
            var report = analysis.Report;

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(AnalysisJson.Serialize(report));
            }
            else
            {
                AnalysisText.Write(report, store.Description, output);
            }

            return analysis.AnyAnswer ? ExitCodes.Success : ExitCodes.NothingAnswered;
        });
        return command;
    }
}
