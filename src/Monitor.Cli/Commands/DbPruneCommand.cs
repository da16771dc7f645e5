using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Core.Text;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor db prune --older-than DUR [--db DB] [--json]</c>: removes the measurements older than a
/// duration before now (PostgreSQL drops whole day partitions, SQLite deletes in batches) and says what it removed.
/// </summary>
internal static class DbPruneCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create("The database: an Npgsql connection string (Host=…) or a SQLite file path");
        var olderThan = CliOptions.OptionalDuration("--older-than", "Remove what started longer ago than this (e.g. 30d, 12h)");
        olderThan.Required = true;
        var json = CliOptions.Json();
        var prune = new Command("prune", "Remove measurements older than a duration: whole day partitions on PostgreSQL, in batches on SQLite") { db, olderThan, json };
        prune.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreOpener.OpenAsync(StoreOpener.Resolve(parse.GetValue(db)), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            var cut = time.GetUtcNow() - parse.GetValue(olderThan)!.Value;
            var result = await store.PruneAsync(cut, cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    database = store.Description,
                    before = OutputWords.Utc(result.Before),
                    measurements = result.Measurements,
                    rounds = result.Rounds,
                    partitions = result.Partitions,
                }));
                return ExitCodes.Success;
            }

            var partitions = result.Partitions.Count == 0 ? string.Empty : $"; dropped {result.Partitions.Count} day partition(s): {string.Join(", ", result.Partitions)}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store.Description}: removed {result.Measurements} measurement(s) and {result.Rounds} round(s) started before {OutputWords.Utc(result.Before)}{partitions}"));
            return ExitCodes.Success;
        });
        return prune;
    }
}
