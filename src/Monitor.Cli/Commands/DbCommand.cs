using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Core.Text;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary><c>monitor db stats [--db DB] [--json]</c>: what a database holds.</summary>
internal static class DbCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var json = CliOptions.Json();
        var stats = new Command("stats", "Counts per vantage point and target, and the time span") { db, json };
        stats.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            var s = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        database = store.Description,
                        measurements = s.Measurements,
                        rounds = s.Rounds,
                        vantages = s.Vantages,
                        targets = s.Targets,
                        first = s.First is { } f ? OutputWords.Utc(f) : null,
                        last = s.Last is { } l ? OutputWords.Utc(l) : null,
                        rows = s.Rows.Select(r => new
                        {
                            vantage = r.VantageId,
                            target = r.TargetId,
                            measurements = r.Measurements,
                            answered = r.Answered,
                            discarded = r.Discarded,
                            first = OutputWords.Utc(r.First),
                            last = OutputWords.Utc(r.Last),
                        }),
                    }));
                return ExitCodes.Success;
            }

            var span = s.First is { } first && s.Last is { } last ? $", {OutputWords.Utc(first)} to {OutputWords.Utc(last)}" : string.Empty;
            output.WriteLine($"{store.Description}: {s.Measurements} measurement(s) in {s.Rounds} round(s), {s.Vantages} vantage point(s), {s.Targets} target(s){span}");
            if (s.Rows.Count > 0)
            {
                var vw = Math.Max(7, s.Rows.Max(r => r.VantageId.Length));
                var tw = Math.Max(6, s.Rows.Max(r => r.TargetId.Length));
                output.WriteLine($"{"vantage".PadRight(vw)}  {"target".PadRight(tw)}  {"rows",8}  {"answered",8}  {"discarded",9}  {"first",-24}  last");
                foreach (var r in s.Rows)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.VantageId.PadRight(vw)}  {r.TargetId.PadRight(tw)}  {r.Measurements,8}  {r.Answered,8}  {r.Discarded,9}  {OutputWords.Utc(r.First),-24}  {OutputWords.Utc(r.Last)}"));
                }
            }

            return ExitCodes.Success;
        });
        return new Command("db", "Look into a measurement database, seal its closed days, or prune it") { stats, DbRollupsCommand.Create(time), DbSealCommand.Create(time), DbPruneCommand.Create(time) };
    }
}
