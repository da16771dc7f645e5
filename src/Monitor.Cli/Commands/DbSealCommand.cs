using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Core.Text;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor db seal [--db DB] [--json]</c>: packs every series' closed UTC days (those that ended before now)
/// into one block each (<c>series_blocks</c>), which <c>analyze</c> and <c>report</c> read in place of the rows.
/// The rows stay; days already sealed and unchanged are left alone, so it can run as often as wanted.
/// </summary>
internal static class DbSealCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var json = CliOptions.Json();
        var seal = new Command("seal", "Pack closed UTC days into one block per series and day, read by analyze and report in place of rows (rows stay)") { db, json };
        seal.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: true, time, cancellationToken).ConfigureAwait(false);
            if (opened is not SqlMeasurementStore store)
            {
                throw new BadInputException("this database cannot seal days");
            }

            var result = await store.SealAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    database = store.Description,
                    before = OutputWords.Utc(result.Before),
                    @sealed = result.Sealed,
                    rows = result.Rows,
                    octets = result.Octets,
                    already_sealed = result.AlreadySealed,
                    skipped = result.Skipped,
                }));
                return ExitCodes.Success;
            }

            var skipped = result.Skipped == 0 ? string.Empty : $"; {result.Skipped} left to their rows (fewer rows than the rollups count: pruned)";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{store.Description}: sealed {result.Sealed} series-day(s) before {OutputWords.Utc(result.Before)}, {result.Rows} row(s) in {result.Octets / 1048576.0:0.0} MiB ({(result.Rows == 0 ? 0 : (double)result.Octets / result.Rows):0.0} octets a row); {result.AlreadySealed} already sealed{skipped}"));
            return ExitCodes.Success;
        });
        return seal;
    }
}
