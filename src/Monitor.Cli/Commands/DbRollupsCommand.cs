using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Core.Analysis.Latency;
using Monitor.Core.Text;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor db rollups [--db DB] [--from T] [--to T | --last DUR] [--json]</c>: the hourly rollups kept on
/// ingest (<c>series_hours</c>) of the hours that start in the window: per series and hour the probes, answered,
/// sites seen and p50/p95/p99 from the RTT histogram. Exit 1 when the window holds none.
/// </summary>
internal static class DbRollupsCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var window = new WindowOptions();
        var json = CliOptions.Json();
        var command = new Command("rollups", "Hourly rollups per series (kept on ingest): probes, answered, sites, p50/p95/p99") { db, json };
        window.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var w = window.Window(parse, time);
            await using var opened = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            if (opened is not SqlMeasurementStore store)
            {
                throw new BadInputException("this database keeps no hourly rollups");
            }

            var hours = await store.ReadHourlyRollupsAsync(new MeasurementQuery { From = w.From, To = w.To }, cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            var rows = hours.Select(h => new HourRow(
                h.VantageId,
                h.TargetId,
                OutputWords.Utc(h.Hour),
                h.Probes,
                h.Answered,
                h.Identities.Count(i => !i.Identity.IsEmpty || i.SiteId is not null),
                Ms(h.Rtt, 0.50),
                Ms(h.Rtt, 0.95),
                Ms(h.Rtt, 0.99))).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { database = store.Description, hours = rows }, Json));
            }
            else if (rows.Count > 0)
            {
                var vw = Math.Max(7, rows.Max(r => r.Vantage.Length));
                var tw = Math.Max(6, rows.Max(r => r.Target.Length));
                output.WriteLine($"{"vantage".PadRight(vw)}  {"target".PadRight(tw)}  {"hour",-24}  {"probes",7}  {"answered",8}  {"sites",5}  {"p50 ms",9}  {"p95 ms",9}  {"p99 ms",9}");
                foreach (var r in rows)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Vantage.PadRight(vw)}  {r.Target.PadRight(tw)}  {r.Hour,-24}  {r.Probes,7}  {r.Answered,8}  {r.Sites,5}  {Text(r.P50Ms),9}  {Text(r.P95Ms),9}  {Text(r.P99Ms),9}"));
                }
            }

            if (rows.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{store.Description}: no hourly rollups in the window");
                return ExitCodes.NothingAnswered;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static double? Ms(RttHistogram rtt, double p) => rtt.Count == 0 ? null : Math.Round(rtt.Percentile(p).TotalMilliseconds, 3);

    private static string Text(double? ms) => ms is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private sealed record HourRow(string Vantage, string Target, string Hour, long Probes, long Answered, int Sites, double? P50Ms, double? P95Ms, double? P99Ms);
}
