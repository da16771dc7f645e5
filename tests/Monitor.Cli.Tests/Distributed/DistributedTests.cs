using System.Diagnostics;
using System.Text;
using System.Text.Json;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Distributed;

/// <summary>
/// <c>monitor server</c> and <c>monitor worker</c> as separate processes on a real PostgreSQL started
/// by the tests, probing a real NSD on loopback (and one inside a network namespace).
/// </summary>
public sealed class DistributedTests : IClassFixture<DistributedTests.Servers>, IDisposable
{
    private readonly Servers _servers;
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-dist-").FullName;
    private readonly List<(Process Process, StringBuilder Output)> _processes = [];

    public DistributedTests(Servers servers) => _servers = servers;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Config(string interval = "1s")
    {
        var path = Path.Combine(_directory, "targets.yaml");
        File.WriteAllText(path, $"""
            interval: {interval}
            timeout: 500ms
            targets:
              - id: nsd
                provider: local
                address: 127.0.0.1
                port: {_servers.Nsd.Port}
                kind: anycast
            """);
        return path;
    }

    private StringBuilder Start(ProcessStartInfo start)
    {
        var started = CapturedProcess.Start(start);
        _processes.Add(started);
        return started.Output;
    }

    private StringBuilder Monitor(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "monitor.dll"), .. args])
        {
            start.ArgumentList.Add(a);
        }

        return Start(start);
    }

    /// <summary>SIGINT to every process, newest first (workers before their server); each finishes its round in flight.</summary>
    private async Task InterruptAllAsync()
    {
        foreach (var (process, _) in Enumerable.Reverse(_processes).Where(p => !p.Process.HasExited))
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(Ct);
            await process.WaitForExitAsync(Ct);
        }
    }

    private async Task WaitAllAsync()
    {
        foreach (var (process, _) in _processes)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {_processes.First(p => p.Process == process).Output}");
        }
    }

    private static async Task<List<Round>> RoundsAsync(string connection, string vantage)
    {
        await using var store = await SqlMeasurementStore.OpenAsync(new PostgresDialect(connection), TimeProvider.System, Ct);
        return [.. (await store.ReadRoundsAsync(new MeasurementQuery { VantageId = vantage }, Ct))];
    }

    [Fact]
    public async Task ServerAndThreeWorkers_EachVantageStoresItsOwnRounds_NoDuplicates()
    {
        var db = _servers.Postgres.CreateDatabase();
        string[] vantages = ["vp-ams", "vp-fra", "vp-nyc"];

        Monitor("server", "--db", db, "--config", Config(), "--duration", "14s");
        await Task.Delay(1500, Ct);
        var outputs = vantages.Select(v => Monitor("worker", "--db", db, "--vantage", v, "--duration", "10s", "--spool", Path.Combine(_directory, v))).ToList();
        await WaitAllAsync();

        await using var store = await SqlMeasurementStore.OpenAsync(new PostgresDialect(db), TimeProvider.System, Ct);
        var measurements = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        foreach (var v in vantages)
        {
            var rounds = await RoundsAsync(db, v);
            Assert.True(rounds.Count >= 3, $"{v}: {rounds.Count} rounds");
            Assert.Equal(rounds.Count, rounds.Select(r => r.Scheduled).Distinct().Count());
            var mine = measurements.Where(m => m.VantageId == v).ToList();
            Assert.Equal(rounds.Count, mine.Count);
            Assert.All(mine, m =>
            {
                Assert.Equal(ProbeOutcome.Answered, m.Outcome);
                Assert.Equal(_servers.Nsd.Identity, m.Identity.IdServer?.Text);
                Assert.Contains(m.RoundId!.Value, rounds.Select(r => r.Id));
            });
        }

        Assert.Equal(measurements.Count, measurements.Select(m => m.Id).Distinct().Count());
        Assert.All(outputs, o => Assert.DoesNotContain("meant for vantage point", o.ToString(), StringComparison.Ordinal));
        Assert.Equal(3, (await store.ReadWorkersAsync(Ct)).Count);

        var analyze = await CliRun.InProcessAsync("analyze", "--db", db, "--json");
        Assert.Equal(0, analyze.ExitCode);
        Assert.Equal(3, JsonDocument.Parse(analyze.Output).RootElement.GetProperty("catchment").GetArrayLength());
    }

    [Fact]
    public async Task DatabaseRestartMidRun_WorkerKeepsProbing_NothingLostOrDuplicated()
    {
        var db = _servers.Postgres.CreateDatabase();
        Monitor("server", "--db", db, "--config", Config("2s"), "--duration", "84s");
        await Task.Delay(1000, Ct);
        var worker = Monitor("worker", "--db", db, "--vantage", "vp-1", "--duration", "82s", "--spool", Path.Combine(_directory, "spool"));

        // A 60-second outage of the database (and with it of Hangfire's queues), once the worker is
        // under way (a loaded machine can take seconds to start it).
        await WaitForAsync(worker, " answered ", 2);
        _servers.Postgres.Stop();
        await Task.Delay(60_000, Ct);
        _servers.Postgres.StartServer();
        await WaitAllAsync();

        var rounds = (await RoundsAsync(db, "vp-1")).OrderBy(r => r.Scheduled).ToList();
        var log = worker.ToString();
        Assert.Contains("database unreachable", log, StringComparison.Ordinal);
        Assert.Contains("spooled", log, StringComparison.Ordinal);
        Assert.True(rounds.Count >= 38, $"{rounds.Count} rounds: {log}");

        // Every 2-second slot from the first round to the last is there exactly once: no gap across the outage.
        var slots = (int)((rounds[^1].Scheduled - rounds[0].Scheduled) / TimeSpan.FromSeconds(2)) + 1;
        Assert.True(slots == rounds.Count, $"{rounds.Count} rounds for {slots} slots: {log}");
        Assert.Equal(rounds.Count, rounds.Select(r => r.Scheduled).Distinct().Count());
    }

    [Fact]
    public async Task WorkerKilledMidRoundThenRestarted_EveryStoredRoundWholeAndOnce()
    {
        // A silent second target keeps each round busy for its 500 ms timeout, so the kill lands mid-round.
        await using var silent = FakeDnsServer.Silent();
        var db = _servers.Postgres.CreateDatabase();
        var config = Config("1s");
        await File.AppendAllTextAsync(config, $"\n  - {{id: silent, provider: local, address: 127.0.0.1, port: {silent.EndPoint.Port}, kind: unicast}}\n", Ct);
        var spool = Path.Combine(_directory, "spool");
        Monitor("server", "--db", db, "--config", config, "--duration", "26s");
        await Task.Delay(1000, Ct);
        var first = Monitor("worker", "--db", db, "--vantage", "vp-1", "--duration", "60s", "--spool", spool);
        var (victim, _) = _processes[^1];
        await WaitForAsync(first, " answered ", 4);
        var probedBefore = false;
        var seen = silent.QueriesReceived;
        for (var i = 0; i < 300 && !probedBefore; i++)
        {
            await Task.Delay(10, Ct);
            probedBefore = silent.QueriesReceived > seen; // a round has just sent its query and waits 500 ms
        }

        victim.Kill(entireProcessTree: true); // SIGKILL, mid-round
        await victim.WaitForExitAsync(Ct);
        _processes.RemoveAt(_processes.FindIndex(p => p.Process == victim));
        victim.Dispose();

        await Task.Delay(2000, Ct);
        var second = Monitor("worker", "--db", db, "--vantage", "vp-1", "--duration", "14s", "--spool", spool);
        await WaitAllAsync();

        var rounds = (await RoundsAsync(db, "vp-1")).OrderBy(r => r.Scheduled).ToList();
        var log = first + "\n--- restarted ---\n" + second;
        Assert.True(probedBefore, "the silent target saw no query before the kill");
        Assert.Equal(rounds.Count, rounds.Select(r => r.Scheduled).Distinct().Count());
        Assert.True(rounds.Count(r => r.Scheduled > DateTimeOffset.UtcNow - TimeSpan.FromSeconds(16)) >= 8, $"{rounds.Count} rounds: {log}");
        await AssertEveryRoundWholeAsync(db);
    }

    [Fact]
    public async Task ServerKilledAndRestarted_WorkerGoesOn_EveryStoredRoundWholeAndOnce()
    {
        var db = _servers.Postgres.CreateDatabase();
        var config = Config("1s");
        Monitor("server", "--db", db, "--config", config, "--duration", "60s");
        var (server, _) = _processes[^1];
        await Task.Delay(1000, Ct);
        var worker = Monitor("worker", "--db", db, "--vantage", "vp-1", "--duration", "22s", "--spool", Path.Combine(_directory, "spool"));
        await WaitForAsync(worker, " answered ", 4);
        server.Kill(entireProcessTree: true); // SIGKILL
        await server.WaitForExitAsync(Ct);
        _processes.RemoveAt(_processes.FindIndex(p => p.Process == server));
        server.Dispose();
        var down = DateTimeOffset.UtcNow;

        await Task.Delay(3000, Ct);
        var restarted = DateTimeOffset.UtcNow;
        Monitor("server", "--db", db, "--config", config, "--duration", "14s");
        await WaitAllAsync();

        var rounds = (await RoundsAsync(db, "vp-1")).OrderBy(r => r.Scheduled).ToList();
        Assert.True(rounds.Count(r => r.Scheduled < down) >= 4, $"{rounds.Count} rounds: {worker}");
        Assert.True(rounds.Count(r => r.Scheduled > restarted) >= 6, $"{rounds.Count} rounds after the restart: {worker}");
        Assert.Equal(rounds.Count, rounds.Select(r => r.Scheduled).Distinct().Count());
        await AssertEveryRoundWholeAsync(db);
    }

    private static async Task WaitForAsync(StringBuilder output, string text, int count)
    {
        for (var i = 0; i < 600; i++)
        {
            lock (output)
            {
                if (output.ToString().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal)) >= count)
                {
                    return;
                }
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"'{text}' did not appear {count} times: {output}");
    }

    /// <summary>No partial round (as many measurements as the round says it probed) and no orphan measurement.</summary>
    private static async Task AssertEveryRoundWholeAsync(string db)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync(Ct);
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) FROM rounds r WHERE r.probes <> (SELECT COUNT(*) FROM measurements m WHERE m.round = r.number)",
            "SELECT COUNT(*) FROM measurements m WHERE NOT EXISTS (SELECT 1 FROM rounds r WHERE r.number = m.round)",
            "SELECT COUNT(*) FROM (SELECT vantage_id, scheduled_us FROM rounds GROUP BY vantage_id, scheduled_us HAVING COUNT(*) > 1) d",
        })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) == 0, sql);
        }
    }

    [Fact]
    public async Task WorkerInsideNetworkNamespace_ReachesDatabaseBySocket_ProbesItsOwnNetwork()
    {
        using var netns = NetworkNamespace.Create("vp");
        using var nsNsd = NsdServer.Start("ns-site", "ns-nsid", netns, _servers.Nsd.Port);
        var db = _servers.Postgres.CreateDatabase(unixSocket: true);

        // Long caps, ended by SIGINT once both workers have answered rounds: a loaded machine can take
        // longer to start a worker than a fixed duration leaves it.
        Monitor("server", "--db", db, "--config", Config(), "--duration", "120s");
        await Task.Delay(1500, Ct);
        var host = Monitor("worker", "--db", db, "--vantage", "vp-host", "--duration", "110s", "--spool", Path.Combine(_directory, "host"));
        var inside = Start(netns.StartInfo("/usr/bin/env", "dotnet", Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "worker", "--db", db, "--vantage", "vp-ns", "--duration", "110s", "--spool", Path.Combine(_directory, "ns")));
        await WaitForAsync(host, " answered ", 2);
        await WaitForAsync(inside, " answered ", 2);
        await InterruptAllAsync();
        await WaitAllAsync();

        await using var store = await SqlMeasurementStore.OpenAsync(new PostgresDialect(db), TimeProvider.System, Ct);
        var measurements = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        var inNamespace = measurements.Where(m => m.VantageId == "vp-ns").ToList();
        var onHost = measurements.Where(m => m.VantageId == "vp-host").ToList();
        Assert.NotEmpty(inNamespace);
        Assert.NotEmpty(onHost);

        // The same target address reaches a different server from inside the namespace.
        Assert.All(inNamespace, m => Assert.Equal("ns-site", m.Identity.IdServer?.Text));
        Assert.All(onHost, m => Assert.Equal(_servers.Nsd.Identity, m.Identity.IdServer?.Text));
    }

    public void Dispose()
    {
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    public sealed class Servers : IDisposable
    {
        private PostgresServer? _postgres;
        private NsdServer? _nsd;

        public PostgresServer Postgres => _postgres ??= PostgresServer.Start();

        public NsdServer Nsd => _nsd ??= NsdServer.Start("nsd-dist-X", "nsid-dist-Y");

        public void Dispose()
        {
            _postgres?.Dispose();
            _nsd?.Dispose();
        }
    }
}
