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
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, output));
        return output;
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

        // A 60-second outage of the database (and with it of Hangfire's queues).
        await Task.Delay(6000, Ct);
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
    public async Task WorkerInsideNetworkNamespace_ReachesDatabaseBySocket_ProbesItsOwnNetwork()
    {
        using var netns = NetworkNamespace.Create("vp");
        using var nsNsd = NsdServer.Start("ns-site", "ns-nsid", netns, _servers.Nsd.Port);
        var db = _servers.Postgres.CreateDatabase(unixSocket: true);

        Monitor("server", "--db", db, "--config", Config(), "--duration", "14s");
        await Task.Delay(1500, Ct);
        Monitor("worker", "--db", db, "--vantage", "vp-host", "--duration", "10s", "--spool", Path.Combine(_directory, "host"));
        Start(netns.StartInfo("/usr/bin/env", "dotnet", Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "worker", "--db", db, "--vantage", "vp-ns", "--duration", "10s", "--spool", Path.Combine(_directory, "ns")));
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
