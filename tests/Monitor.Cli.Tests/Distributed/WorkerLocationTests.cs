using System.Text.RegularExpressions;

using Monitor.Cli.Commands;
using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Distributed;

/// <summary>
/// A worker registers its location on every start, and a worker started without it (or with the
/// values empty, as systemd passes an unset <c>${VAR}</c>) never erases a stored location. The
/// shipped unit (<c>probes/deploy/monitor-worker@.service</c>) is run the way systemd would run it,
/// from the shipped <c>worker.env.example</c>, on SQLite and on a real PostgreSQL.
/// </summary>
public sealed partial class WorkerLocationTests : IClassFixture<PostgresFixture>, IDisposable
{
    private const string Vantage = "ams-1";
    private static readonly VantagePoint Amsterdam = new(Vantage) { City = "Amsterdam", Country = "NL", Latitude = 52.37, Longitude = 4.89, Asn = 3333 };
    private readonly PostgresFixture _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-location-").FullName;

    public WorkerLocationTests(PostgresFixture server) => _server = server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Database(string backend) => backend == "postgres" ? _server.Postgres.CreateDatabase() : Path.Combine(_directory, "workers.db");

    private static async Task<VantagePoint> StoredAsync(string db)
    {
        await using var store = await StoreOpener.OpenAsync(db, mustExist: true, TimeProvider.System, Ct);
        return Assert.Single(await store.ReadVantagePointsAsync(Ct), v => v.Id == Vantage);
    }

    private static void AssertLocation(VantagePoint expected, VantagePoint stored) =>
        Assert.Equal(
            (expected.City, expected.Country, expected.Latitude, expected.Longitude, expected.Asn),
            (stored.City, stored.Country, stored.Latitude, stored.Longitude, stored.Asn));

    private async Task<CliRun> WorkerAsync(string db, params string[] args)
    {
        var run = await CliRun.InProcessAsync(["worker", "--db", db, "--vantage", Vantage, "--duration", "1s", "--spool", Path.Combine(_directory, "spool"), .. args]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        return run;
    }

    /// <summary>
    /// The arguments systemd gives <c>/usr/bin/monitor</c> for the shipped unit's ExecStart, instance
    /// <see cref="Vantage"/> and this environment file: <c>${VAR}</c> is one argument (empty when
    /// unset), <c>$VAR</c> is split at whitespace (nothing when empty), <c>%i</c> is the instance.
    /// The database file and the spool directory are this test's.
    /// </summary>
    private string[] UnitArguments(string db, string environmentFile)
    {
        var unit = File.ReadAllText(RepositoryFiles.Path("probes", "deploy", "monitor-worker@.service")).Replace("\\\n", " ", StringComparison.Ordinal);
        var exec = Assert.Single(unit.Split('\n'), l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];
        var environment = File.ReadAllLines(environmentFile)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim().Trim('"'), StringComparer.Ordinal);
        var dbFile = Path.Combine(_directory, "db");
        File.WriteAllText(dbFile, db + "\n");
        var words = new List<string>();
        foreach (var word in exec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)) // /usr/bin/monitor
        {
            if (BracedVariable().Match(word) is { Success: true } braced)
            {
                words.Add(environment.GetValueOrDefault(braced.Groups[1].Value, string.Empty));
            }
            else if (word.StartsWith('$'))
            {
                words.AddRange(environment.GetValueOrDefault(word[1..], string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                words.Add(word.Replace("%i", Vantage, StringComparison.Ordinal)
                    .Replace("@/etc/monitor/db", "@" + dbFile, StringComparison.Ordinal)
                    .Replace("/var/lib/monitor/", _directory + "/", StringComparison.Ordinal));
            }
        }

        Assert.Contains("--city", words);
        Assert.Contains("--asn", words);
        return [.. words, "--duration", "1s"];
    }

    private string EnvironmentFile(string text)
    {
        var path = Path.Combine(_directory, "worker-ams-1.env");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ShippedUnit_RestartWithoutLocation_StoredLocationIntact(string backend)
    {
        var db = Database(backend);

        // 1. The unit with the shipped example environment file: the location is stored.
        var first = await CliRun.InProcessAsync(UnitArguments(db, RepositoryFiles.Path("probes", "deploy", "worker.env.example")));
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        AssertLocation(Amsterdam, await StoredAsync(db));

        // 2. The unit again, the environment file without values: every ${VAR} comes in empty.
        var second = await CliRun.InProcessAsync(UnitArguments(db, EnvironmentFile("MONITOR_CITY=\nMONITOR_COUNTRY=\nMONITOR_LATITUDE=\nMONITOR_LONGITUDE=\nMONITOR_ASN=\nMONITOR_WORKER_ARGS=\n")));
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        AssertLocation(Amsterdam, await StoredAsync(db));

        // 3. A worker started by hand with no location options at all.
        await WorkerAsync(db);
        AssertLocation(Amsterdam, await StoredAsync(db));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Worker_RestartWithLocation_StartWithout_LocationIntact(string backend)
    {
        var db = Database(backend);

        await WorkerAsync(db, "--city", "Amsterdam", "--country", "NL", "--latitude", "52.37", "--longitude", "4.89", "--asn", "3333");
        await WorkerAsync(db);

        AssertLocation(Amsterdam, await StoredAsync(db));
    }

    [Fact]
    public async Task Worker_GivenNewValues_UpdatesThoseAndKeepsTheRest()
    {
        var db = Database("sqlite");
        await WorkerAsync(db, "--city", "Amsterdam", "--country", "NL", "--latitude", "52.37", "--longitude", "4.89", "--asn", "3333");

        await WorkerAsync(db, "--city", "Utrecht", "--latitude", "52.09", "--longitude", "5.12", "--asn", "");

        AssertLocation(Amsterdam with { City = "Utrecht", Latitude = 52.09, Longitude = 5.12 }, await StoredAsync(db));
    }

    [Theory]
    [InlineData("--city", "")]
    [InlineData("--city", "   ")]
    [InlineData("--country", "")]
    [InlineData("--latitude", "")]
    [InlineData("--longitude", " ")]
    [InlineData("--asn", "")]
    public void EmptyLocationValue_MeansNotGiven(string option, string value)
    {
        var root = MonitorApp.Build(TimeProvider.System);
        var worker = root.Subcommands.Single(c => c.Name == "worker");

        var parsed = root.Parse(["worker", "--vantage", Vantage, option, value]);

        Assert.Empty(parsed.Errors);
        var parsedValue = parsed.GetResult(worker.Options.Single(o => o.Name == option))!.GetValueOrDefault<object>();
        Assert.Null(parsedValue switch
        {
            string text => CliOptions.Given(text),
            double number => CliOptions.Given(number),
            long integer => CliOptions.Given(integer),
            var other => other,
        });
    }

    [GeneratedRegex(@"^\$\{([A-Z_]+)\}$")]
    private static partial Regex BracedVariable();
}
