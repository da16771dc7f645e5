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
        var from = TimeText.Option("--from", "Window start, inclusive");
        var to = TimeText.Option("--to", "Window end, exclusive");
        var last = new Option<TimeSpan?>("--last")
        {
            Description = "Window of this length ending now (e.g. 1h, 30m)",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : string.Empty;
                if (!DurationText.TryParse(text, out var d, out var error) || d <= TimeSpan.Zero)
                {
                    r.AddError($"--last: {(error.Length > 0 ? error : "must be longer than zero")}");
                    return null;
                }

                return d;
            },
        };
        var target = new Option<string?>("--target") { Description = "Only this target id" };
        var sites = new Option<string?>("--sites") { Description = "Site rules (YAML, like probes/sites.yaml); default: the built-in rules" };
        var json = CliOptions.Json();
        var command = new Command("analyze", "Catchment, latency percentiles, route shifts and events from stored measurements")
        {
            db, from, to, last, target, sites, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(last) is { Implicit: false } && r.GetResult(to) is { Implicit: false })
            {
                r.AddError("give --to or --last, not both");
            }

            if (r.GetResult(last) is { Implicit: false } && r.GetResult(from) is { Implicit: false })
            {
                r.AddError("give --from or --last, not both");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var window = Window(parse.GetValue(from), parse.GetValue(to), parse.GetValue(last), time);
            var rules = parse.GetValue(sites) is { } path ? LoadRules(path) : SiteResolver.DefaultRules;
            await using var store = await StoreOpener.OpenAsync(parse.GetValue(db)!, mustExist: true, time, cancellationToken).ConfigureAwait(false);
            var resolver = new SiteResolver(rules, AirportTable.Default);
            var vantages = (await store.ReadVantagePointsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.Id, StringComparer.Ordinal);
            var providers = await store.ReadProvidersAsync(cancellationToken).ConfigureAwait(false);
            var analyzer = new Analyzer(resolver.Resolve, providers, vantages);
            var query = new MeasurementQuery { From = window.From, To = window.To, TargetId = parse.GetValue(target), Order = MeasurementOrder.Series };
            var report = await analyzer.AnalyzeAsync(store.ReadMeasurementsAsync(query, cancellationToken), window, cancellationToken).ConfigureAwait(false);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(AnalysisJson.Serialize(report));
            }
            else
            {
                AnalysisText.Write(report, store.Description, output);
            }

            return report.TargetLatency.Any(l => l.Latency.Answered > 0) ? ExitCodes.Success : ExitCodes.NothingAnswered;
        });
        return command;
    }

    private static AnalysisWindow Window(DateTimeOffset? from, DateTimeOffset? to, TimeSpan? last, TimeProvider time)
    {
        if (last is { } length)
        {
            var now = time.GetUtcNow();
            return new AnalysisWindow(now - length, now);
        }

        if (from is not null && to is not null && to <= from)
        {
            throw new BadInputException($"--to {Formats.Utc(to.Value)} is not after --from {Formats.Utc(from.Value)}");
        }

        return new AnalysisWindow(from, to);
    }

    private static IReadOnlyList<SiteRule> LoadRules(string path)
    {
        try
        {
            return SiteRulesLoader.Load(path);
        }
        catch (ConfigException ex)
        {
            throw new BadInputException(ex.Message, ex);
        }
    }
}
