using System.Diagnostics;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// <c>--db</c> is the same on every command that takes it: a SQLite path, a PostgreSQL connection
/// string, <c>@FILE</c> (the whole file, spaces and all, is the value) or, when left out,
/// <c>MONITOR_DB</c>; and each command's help says so. The read commands run against a real
/// PostgreSQL as well as SQLite.
/// </summary>
public sealed class DbOptionTests : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly PostgresFixture _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-dboption-").FullName;

    public DbOptionTests(PostgresFixture server) => _server = server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Two targets, one vantage point, four answered probes.</summary>
    private static async Task SeedAsync(SqlDialect dialect)
    {
        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        await store.UpsertTargetsAsync([new Target("t-one", IPAddress.Loopback) { Provider = "P" }, new Target("t-two", IPAddress.Loopback) { Provider = "P" }], T0, Ct);
        await store.UpsertVantagePointAsync(new VantagePoint("vp-x"), T0, Ct);
        var measurements = Enumerable.Range(0, 4).Select(i => new Measurement
        {
            Id = Guid.CreateVersion7(T0.AddSeconds(i)),
            VantageId = "vp-x",
            TargetId = i % 2 == 0 ? "t-one" : "t-two",
            Started = T0.AddSeconds(i),
            Outcome = ProbeOutcome.Answered,
            Rtt = TimeSpan.FromMilliseconds(5 + i),
            Rcode = 0,
            Identity = new ObservedIdentity(IdentityValue.FromAscii("ams1"), null, null),
        }).ToList();
        await store.WriteRoundAsync(new Round(Guid.NewGuid(), "vp-x", T0, T0, T0.AddSeconds(5), measurements.Count, measurements.Count), measurements, Ct);
    }

    private async Task<string> SqliteAsync()
    {
        var path = Path.Combine(_directory, "seed.db");
        await SeedAsync(new SqliteDialect(path));
        return path;
    }

    private async Task<string> PostgresAsync()
    {
        // Spaces after the separators: a response file would split this into several arguments.
        var db = _server.Postgres.CreateDatabase().Replace(";", "; ", StringComparison.Ordinal);
        await SeedAsync(new PostgresDialect(db));
        return db;
    }

    private string AtFile(string db)
    {
        var file = Path.Combine(_directory, "db.conn");
        File.WriteAllText(file, db + "\n");
        return "@" + file;
    }

    private string[] Command(string command) => command.Replace("{out}", Path.Combine(_directory, "out"), StringComparison.Ordinal).Split(' ');

    private static async Task<CliRun> WithEnvironmentAsync(string db, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "monitor.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[StoreOpener.EnvironmentVariable] = db;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return new CliRun(process.ExitCode, await output, await error);
    }

    private static void AssertRead(CliRun run, string command, string backend)
    {
        Assert.True(run.ExitCode == 0, $"{command}: exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        if (!command.StartsWith("report", StringComparison.Ordinal))
        {
            Assert.Contains($"{backend} database", run.Output, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> Reads() => new()
    {
        { "db stats", "path" }, { "db stats", "@file" }, { "db stats", "env" }, { "db stats", "postgres" }, { "db stats", "@file-postgres" }, { "db stats", "env-postgres" },
        { "analyze", "path" }, { "analyze", "@file" }, { "analyze", "env" }, { "analyze", "postgres" }, { "analyze", "@file-postgres" },
        { "report --out {out} --format csv", "path" }, { "report --out {out} --format csv", "@file" }, { "report --out {out} --format csv", "env" },
        { "report --out {out} --format csv", "postgres" }, { "report --out {out} --format csv", "@file-postgres" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task ReadCommand_EveryFormOfDb_Reads(string command, string form)
    {
        var postgres = form.EndsWith("postgres", StringComparison.Ordinal);
        var db = postgres ? await PostgresAsync() : await SqliteAsync();

        var run = form switch
        {
            "path" or "postgres" => await CliRun.InProcessAsync([.. Command(command), "--db", db]),
            "@file" or "@file-postgres" => await CliRun.InProcessAsync([.. Command(command), "--db", AtFile(db)]),
            _ => await WithEnvironmentAsync(db, Command(command)),
        };

        AssertRead(run, command, postgres ? "PostgreSQL" : "SQLite");
        if (command.StartsWith("report", StringComparison.Ordinal))
        {
            Assert.True(File.Exists(Path.Combine(_directory, "out", "latency.csv")), run.Output);
        }
    }

    [Fact]
    public async Task ImportAtlas_DbFromAtFileOnPostgres_Stores()
    {
        var db = _server.Postgres.CreateDatabase();
        var results = RepositoryFiles.Path("tests", "Monitor.Probing.Tests", "Atlas", "data", "quad9-29083406.json");

        var run = await CliRun.InProcessAsync("import", "atlas", results, "--db", AtFile(db), "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        await using var store = await SqlMeasurementStore.OpenAsync(new PostgresDialect(db), TimeProvider.System, Ct);
        Assert.True((await store.GetStatsAsync(Ct)).Measurements > 0);
    }

    [Theory]
    [InlineData("db stats")]
    [InlineData("analyze")]
    [InlineData("report --out {out}")]
    public async Task ReadCommand_NoDbAndNoVariable_OneLineNamingTheWaysAndExit2(string command)
    {
        var run = await WithEnvironmentAsync(string.Empty, Command(command));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--db", line, StringComparison.Ordinal);
        Assert.Contains("MONITOR_DB", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db stats")]
    [InlineData("analyze")]
    [InlineData("report")]
    [InlineData("import atlas")]
    [InlineData("run")]
    [InlineData("server")]
    [InlineData("worker")]
    public async Task Help_Db_SaysPathConnectionStringFileAndVariable(string command)
    {
        var help = await CliRun.InProcessAsync([.. command.Split(' '), "--help"]);

        var line = Assert.Single(help.OutputLines, l => l.StartsWith("--db", StringComparison.Ordinal));
        Assert.Contains("SQLite file path", line, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL connection string", line, StringComparison.Ordinal);
        Assert.Contains("@FILE", line, StringComparison.Ordinal);
        Assert.Contains("$MONITOR_DB", line, StringComparison.Ordinal);
        Assert.DoesNotContain("REQUIRED", line, StringComparison.Ordinal);
    }
}
