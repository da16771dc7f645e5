using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Cli.Import;
using Monitor.Cli.Scheduling;
using Monitor.Core.Domain;
using Monitor.Probing.Atlas;
using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor import atlas FILE... --db DB [--probes FILE] [--target ID] [--provider NAME]
/// [--kind anycast|unicast] [--json]</c>: RIPE Atlas DNS results (JSON array or JSON Lines, gzip or
/// not, <c>-</c> for standard input) into the store, with probe locations from the probe archive.
/// Makes no network call: it reads files.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TimeProvider time)
    {
        var files = new Argument<string[]>("FILE") { Description = "Atlas result files (JSON array or JSON Lines, gzip or not); - for standard input", Arity = ArgumentArity.OneOrMore };
        var db = DbOption.Create();
        var probes = new Option<string?>("--probes") { Description = "The RIPE Atlas probe archive ({\"objects\": [...]} or an array, gzip or not): positions, country, ASN, anchor flag" };
        var target = new Option<string?>("--target") { Description = "Store every result under this one target id (default: one target per measurement id and address)" };
        var provider = new Option<string?>("--provider") { Description = "The provider the targets belong to (default: RIPE Atlas MSM_ID)" };
        var kind = new Option<string?>("--kind") { Description = "How the targets are routed: anycast or unicast (default anycast for a new target; a stored one keeps its kind)", HelpName = "anycast|unicast" };
        CliOptions.OneOf(kind, "anycast", "unicast");
        var json = CliOptions.Json();
        var atlas = new Command("atlas", "Import RIPE Atlas DNS results (files from the results API or ripe-atlas-tools); no network call") { files, db, probes, target, provider, kind, json };
        atlas.Validators.Add(r =>
        {
            if (r.GetValue(target) is { } t && string.IsNullOrWhiteSpace(t))
            {
                r.AddError("--target must not be empty");
            }
        });
        atlas.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var paths = parse.GetValue(files)!;
            foreach (var path in paths.Where(p => p != "-" && !File.Exists(p)))
            {
                throw new BadInputException($"{path}: no such file");
            }

            if (paths.Count(p => p == "-") > 1)
            {
                throw new BadInputException("standard input (-) can be read once");
            }

            var probeTable = parse.GetValue(probes) is { } probesPath ? await ReadProbesAsync(probesPath, cancellationToken).ConfigureAwait(false) : null;
            await using var store = await StoreOpener.OpenAsync(DbOption.Resolve(parse, db), mustExist: false, time, cancellationToken).ConfigureAwait(false);
            var options = new AtlasImportOptions(probeTable, parse.GetValue(target), parse.GetValue(provider), parse.GetValue(kind) switch { "unicast" => TargetKind.Unicast, "anycast" => TargetKind.Anycast, _ => null });
            var interactive = !parse.GetValue(json) && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
            var import = new AtlasImport(store, options, time)
            {
                Progress = interactive
                    ? (results, stored, seconds) => error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{results:N0} results, {stored:N0} new, {results / Math.Max(seconds, 0.001):N0} results/s   "))
                    : null,
            };

            var reports = new List<FileReport>();
            foreach (var path in paths)
            {
                var stats = new AtlasFileStats(path);
                try
                {
                    await using var stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
                    var stored = await import.ImportAsync(stream, stats, cancellationToken).ConfigureAwait(false);
                    reports.Add(new FileReport(path, stats, stored, null));
                }
                catch (AtlasFormatException ex)
                {
                    reports.Add(new FileReport(path, stats, 0, ex.Message));
                }
                catch (IOException ex)
                {
                    reports.Add(new FileReport(path, stats, 0, "cannot be read: " + ex.Message));
                }
                catch (UnauthorizedAccessException ex)
                {
                    reports.Add(new FileReport(path, stats, 0, "cannot be read: " + ex.Message));
                }

                if (interactive)
                {
                    error.Write("\r" + new string(' ', 72) + "\r");
                }
            }

            var withoutLocation = await import.WithoutLocationAsync(cancellationToken).ConfigureAwait(false);

            // Imported results are mostly of closed days: sealed now, analyze and report read them packed.
            SealResult? seal = reports.Sum(r => r.Stored) > 0 && store is SqlMeasurementStore sql
                ? await sql.SealAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                : null;
            if (parse.GetValue(json))
            {
                WriteJson(output, reports, import, withoutLocation);
            }
            else
            {
                WriteText(output, reports, import, withoutLocation);
                if (seal is { Sealed: > 0 })
                {
                    output.WriteLine(ClosedDaySealer.Describe(seal));
                }
            }

            foreach (var r in reports)
            {
                if (r.Refused is { } reason)
                {
                    error.WriteLine($"monitor import atlas: {r.Path}: not RIPE Atlas DNS results: {reason}; nothing stored from it");
                }
                else if (r.Stats.HasDamage)
                {
                    error.WriteLine($"warning: {r.Path}: damaged parts: {Damage(r.Stats)}; the readable results were stored");
                }
            }

            return reports.Any(r => r.Refused is not null) ? ExitCodes.BadInput : ExitCodes.Success;
        });
        return new Command("import", "Import measurements made elsewhere") { atlas };
    }

    private static async Task<Dictionary<long, AtlasProbe>> ReadProbesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"--probes {path}: no such file");
        }

        var table = new Dictionary<long, AtlasProbe>();
        try
        {
            await using var stream = File.OpenRead(path);
            await foreach (var probe in AtlasProbeArchiveReader.ReadAsync(stream, new AtlasFileStats(path), cancellationToken).ConfigureAwait(false))
            {
                table[probe.Id] = probe;
            }
        }
        catch (AtlasFormatException ex)
        {
            throw new BadInputException($"--probes {path}: not the RIPE Atlas probe archive: {ex.Message}", ex);
        }

        return table;
    }

    private static string Damage(AtlasFileStats stats) =>
        string.Join(", ", stats.Damage.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key.Name()} {d.Value}")));

    private static void WriteText(TextWriter output, List<FileReport> reports, AtlasImport import, IReadOnlyList<string> missing)
    {
        foreach (var r in reports.Where(r => r.Refused is null))
        {
            var damage = r.Stats.HasDamage ? "; damaged: " + Damage(r.Stats) : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Path}: {r.Stats.Results} results, {r.Stats.Measurements} measurements, {r.Stored} new{(r.Stats.Compressed ? " (gzip)" : string.Empty)}{damage}"));
        }

        var ok = reports.Where(r => r.Refused is null).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {ok.Sum(r => r.Stats.Measurements)} measurements ({ok.Sum(r => r.Stored)} new) from {ok.Count} file(s); {import.Vantages} vantage point(s), {import.Targets} target(s)"));
        if (missing.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vantage points without a location ({missing.Count}): {string.Join(' ', missing)}"));
        }
    }

    private static void WriteJson(TextWriter output, List<FileReport> reports, AtlasImport import, IReadOnlyList<string> withoutLocation) =>
        output.WriteLine(JsonSerializer.Serialize(new
        {
            files = reports.Select(r => new
            {
                file = r.Path,
                refused = r.Refused,
                compressed = r.Stats.Compressed,
                json_lines = r.Stats.JsonLines,
                results = r.Stats.Results,
                measurements = r.Stats.Measurements,
                stored = r.Stored,
                damage = r.Stats.Damage.ToDictionary(d => d.Key.Name(), d => d.Value),
            }),
            measurements = reports.Sum(r => r.Stats.Measurements),
            stored = reports.Sum(r => r.Stored),
            vantages = import.Vantages,
            targets = import.Targets,
            without_location = withoutLocation,
        }));

    private sealed record FileReport(string Path, AtlasFileStats Stats, long Stored, string? Refused);
}
