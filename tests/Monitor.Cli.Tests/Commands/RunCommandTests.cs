using System.Diagnostics;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor run</c> end to end: Hangfire on SQLite, a real NSD and a silent server on loopback.</summary>
public sealed class RunCommandTests : IClassFixture<RunCommandTests.Nsd>, IDisposable
{
    private readonly Nsd _nsd;
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-run-").FullName;

    public RunCommandTests(Nsd nsd) => _nsd = nsd;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Config(int silentPort, string interval = "1s", string timeout = "900ms")
    {
        var path = Path.Combine(_directory, "targets.yaml");
        File.WriteAllText(path, $"""
            interval: {interval}
            timeout: {timeout}
            vantage:
              id: test-vp
              city: Amsterdam
              country: NL
            targets:
              - id: nsd
                provider: local
                address: 127.0.0.1
                port: {_nsd.Server.Port}
                kind: unicast
              - id: silent
                provider: local
                address: 127.0.0.1
                port: {silentPort}
                kind: unicast
            """);
        return path;
    }

    private static async Task<SqlMeasurementStore> OpenAsync(string db) =>
        await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);

    [Fact]
    public async Task Run_FiveRounds_StoresFiveRowsPerTargetWithOutcomesAndIdentities()
    {
        await using var silent = FakeDnsServer.Silent();
        var db = Path.Combine(_directory, "x.db");

        var run = await CliRun.InProcessAsync("run", "--config", Config(silent.EndPoint.Port), "--rounds", "5", "--db", db, "--report", Path.Combine(_directory, "report"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        await using var store = await OpenAsync(db);
        var measurements = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        var rounds = await store.ReadRoundsAsync(MeasurementQuery.All, Ct);
        var nsd = measurements.Where(m => m.TargetId == "nsd").ToList();
        var quiet = measurements.Where(m => m.TargetId == "silent").ToList();
        Assert.Equal(5, nsd.Count);
        Assert.Equal(5, quiet.Count);
        Assert.All(nsd, m =>
        {
            Assert.Equal(ProbeOutcome.Answered, m.Outcome);
            Assert.Equal(_nsd.Server.Identity, m.Identity.IdServer?.Text);
            Assert.Equal(_nsd.Server.Nsid, m.Identity.Nsid?.Text);
            Assert.Equal("test-vp", m.VantageId);
        });
        Assert.All(quiet, m => Assert.Equal(ProbeOutcome.Timeout, m.Outcome));
        Assert.Equal(5, rounds.Count);
        Assert.All(rounds, r =>
        {
            Assert.Equal(2, r.Probes);
            Assert.Equal(1, r.Answered);
            Assert.Equal(0, r.Scheduled.Millisecond); // on the 1 s grid
            Assert.InRange(r.Lateness, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        });
        Assert.Equal(rounds.Count, rounds.Select(r => r.Scheduled).Distinct().Count());
        Assert.Equal(5, run.OutputLines.Count(l => l.Contains("1/2 answered", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(_directory, "report", "measurements.csv")));

        var stats = await CliRun.InProcessAsync("db", "stats", "--db", db, "--json");
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("\"measurements\":10", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingAnswers_Exit1()
    {
        await using var silent = FakeDnsServer.Silent();
        var path = Path.Combine(_directory, "silent.yaml");
        await File.WriteAllTextAsync(path, $"""
            interval: 1s
            timeout: 300ms
            targets:
              - id: silent
                provider: local
                address: 127.0.0.1
                port: {silent.EndPoint.Port}
                kind: unicast
            """, Ct);

        var run = await CliRun.InProcessAsync("run", "--config", path, "--rounds", "2", "--db", Path.Combine(_directory, "s.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, silent.QueriesReceived);
    }

    [Theory]
    [InlineData("interval: 7s\ntargets:\n  - {id: a, provider: p, address: 127.0.0.1, kind: unicast}\n", "interval")]
    [InlineData("interval: 1s\ntimeout: 500ms\ntargets:\n  - {id: a, provider: p, address: example..invalid, kind: unicast}\n", "targets[0].address")]
    public async Task Run_BadConfig_OneLineAndExit2(string yaml, string expected)
    {
        var path = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(path, yaml, Ct);

        var run = await CliRun.InProcessAsync("run", "--config", path, "--rounds", "1", "--db", Path.Combine(_directory, "b.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "b.db")));
    }

    [Fact]
    public async Task Run_RoundsAndDurationTogether_Exit2() =>
        Assert.Equal(2, (await CliRun.InProcessAsync("run", "--config", "x.yaml", "--rounds", "1", "--duration", "1m")).ExitCode);

    [Fact]
    public async Task Run_KilledMidRunThenRestarted_NoPartialOrDuplicateRows()
    {
        await using var silent = FakeDnsServer.Silent();
        var db = Path.Combine(_directory, "k.db");
        var config = Config(silent.EndPoint.Port);

        // First run: killed with SIGKILL after a few rounds, wherever it is.
        using (var process = CliRun.Start("run", "--config", config, "--duration", "1m", "--db", db))
        {
            var rounds = 0;
            while (rounds < 3 && await process.StandardOutput.ReadLineAsync(Ct) is { } line)
            {
                rounds += line.Contains("answered", StringComparison.Ordinal) ? 1 : 0;
            }

            await Task.Delay(700, Ct); // land inside the next round
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }

        var second = await CliRun.InProcessAsync("run", "--config", config, "--rounds", "2", "--db", db);
        Assert.Equal(0, second.ExitCode);

        await using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal("ok", await Scalar(connection, "PRAGMA integrity_check"));
            Assert.Equal(0L, await Scalar(connection, "SELECT COUNT(*) FROM (SELECT series_id, started_us FROM measurements GROUP BY series_id, started_us HAVING COUNT(*) > 1)"));

            // Every stored round is whole: as many measurement rows as the round says it took.
            Assert.Equal(0L, await Scalar(connection, "SELECT COUNT(*) FROM rounds r WHERE r.probes <> (SELECT COUNT(*) FROM measurements m WHERE m.round = r.number)"));
            Assert.Equal(0L, await Scalar(connection, "SELECT COUNT(*) FROM measurements m WHERE NOT EXISTS (SELECT 1 FROM rounds r WHERE r.number = m.round)"));
            Assert.True((long)(await Scalar(connection, "SELECT COUNT(*) FROM rounds"))! >= 5);
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Run_Interrupted_FinishesRoundInFlightAndStoresIt()
    {
        await using var silent = FakeDnsServer.Silent();
        var db = Path.Combine(_directory, "i.db");
        var config = Config(silent.EndPoint.Port, timeout: "900ms");
        int printed;
        string tail;
        using (var process = CliRun.Start("run", "--config", config, "--duration", "1m", "--db", db))
        {
            while (await process.StandardOutput.ReadLineAsync(Ct) is { } line && !line.Contains("answered", StringComparison.Ordinal))
            {
            }

            // The silent target keeps each round busy for 900 ms of every second: interrupt inside one.
            await Task.Delay(400, Ct);
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }

            tail = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            printed = 1 + tail.Split('\n').Count(l => l.Contains("answered", StringComparison.Ordinal));
        }

        Assert.Contains("done:", tail, StringComparison.Ordinal);
        Assert.Contains("all stored", tail, StringComparison.Ordinal);
        await using var store = await OpenAsync(db);
        var rounds = await store.ReadRoundsAsync(MeasurementQuery.All, Ct);
        Assert.Equal(printed, rounds.Count);
        Assert.Equal(2 * printed, await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).CountAsync(Ct));
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed class Nsd() : NsdFixture("nsd-run-X", "nsid-run-Y");
}
