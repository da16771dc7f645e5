// End-to-end benchmarks of Monitor (issue 8): probe engine vs dnsperf and kdig, timing accuracy
// against a known delay, ingest into SQLite and PostgreSQL, analysis and report at scale, worker RSS.
// Usage: Monitor.Bench [--scale full|smoke] [--sections probe,ingest-sqlite,ingest-postgresql,analysis,worker,transports]
//                      [--out FILE.md] [--monitor PATH/monitor.dll] [--command TEXT] [--label TEXT] [--append]
//                      [--analysis-rows 1000000,10000000] [--no-report] [--analysis-db DIR] [--ingest-rows N]
// Packets go only to 127.0.0.1; every load phase is bounded in time.

using Monitor.Bench;

var settings = BenchSettings.Full;
var output = Path.Combine("bench", "results", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".md");
var monitorDll = Path.Combine(AppContext.BaseDirectory, "monitor-cli", "monitor.dll");
var command = "bench/run.sh";
IReadOnlyList<string>? sections = null;
string? label = null;
var append = false;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--scale" when value is "full" or "smoke":
            settings = value == "smoke" ? BenchSettings.Smoke : BenchSettings.Full;
            i++;
            break;
        case "--sections" when value is not null:
            sections = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            i++;
            break;
        case "--out" when value is not null:
            output = value;
            i++;
            break;
        case "--monitor" when value is not null:
            monitorDll = value;
            i++;
            break;
        case "--analysis-rows" when value is not null:
            settings = settings with { AnalysisRows = [.. value.Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))] };
            i++;
            break;
        case "--ingest-rows" when value is not null:
            settings = settings with { IngestRows = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
            i++;
            break;
        case "--analysis-db" when value is not null:
            settings = settings with { AnalysisDbDirectory = value };
            i++;
            break;
        case "--no-report":
            settings = settings with { AnalysisReport = false };
            break;
        case "--label" when value is not null:
            label = value;
            i++;
            break;
        case "--append":
            append = true;
            break;
        case "--command" when value is not null:
            command = value;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"Monitor.Bench: unknown or incomplete argument '{args[i]}'");
            return 2;
    }
}

return await BenchRun.RunAsync(settings with { Sections = sections ?? settings.Sections }, output, monitorDll, command, label, append, CancellationToken.None);
