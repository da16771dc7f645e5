using Microsoft.Data.Sqlite;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Faults;

/// <summary>
/// Measuring does not depend on Hangfire's job storage: when it cannot be opened or written, the
/// scheduler's local clock runs each slot's round, once, and says so; and it says so only then: a
/// healthy run (Hangfire starting up included) prints no warning about the job storage.
/// </summary>
public sealed class JobStorageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-jobs-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task JobStorageUnusable_RoundsRunOnTheLocalClock_EachSlotOnce()
    {
        await using var server = Answering();
        var config = await ConfigAsync(server);
        var db = Path.Combine(_directory, "m.db");
        Directory.CreateDirectory(db + ".hangfire"); // a directory where the job storage's SQLite file should be

        var run = await CliRun.InProcessAsync("run", "--config", config, "--rounds", "3", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Contains("job storage", StringComparison.Ordinal) && l.Contains("cannot be used", StringComparison.Ordinal) && l.Contains("local clock", StringComparison.Ordinal));
        Assert.Equal(3, run.OutputLines.Count(l => l.Contains(" answered ", StringComparison.Ordinal)));
        Assert.Equal((3L, 3L), await RoundsAsync(db));
        Assert.Equal(3, server.QueriesReceived);
    }

    private async Task<string> ConfigAsync(FakeDnsServer server)
    {
        var config = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 900ms\ntargets:\n  - {{id: t, provider: P, address: 127.0.0.1, port: {server.EndPoint.Port}, kind: unicast}}\n", Ct);
        return config;
    }

    private static FakeDnsServer Answering() =>
        FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "ams1").Build())]);

    private static async Task<(long Rounds, long Slots)> RoundsAsync(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT scheduled_us) FROM rounds";
        await using var rows = await command.ExecuteReaderAsync(Ct);
        Assert.True(await rows.ReadAsync(Ct));
        return (rows.GetInt64(0), rows.GetInt64(1));
    }

    [Fact]
    public async Task Run_HealthyThreeRoundsAtOneSecond_NoWarning()
    {
        await using var server = Answering();
        var db = Path.Combine(_directory, "m.db");

        var run = await CliRun.InProcessAsync("run", "--config", await ConfigAsync(server), "--rounds", "3", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.OutputLines.Count(l => l.Contains(" answered ", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.OutputLines, l => l.Contains("warning", StringComparison.OrdinalIgnoreCase) || l.Contains("local clock", StringComparison.Ordinal) || l.Contains("job storage", StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal((3L, 3L), await RoundsAsync(db));
    }

    [Fact]
    public async Task Run_JobStorageLockedMidRun_LocalClockWarnsAndEverySlotRunsOnce()
    {
        await using var server = Answering();
        var db = Path.Combine(_directory, "m.db");
        using var output = new WatchedWriter();
        using var error = new StringWriter();

        var run = MonitorApp.RunAsync(["run", "--config", await ConfigAsync(server), "--rounds", "18", "--db", db], output, error, Ct);

        // After the second round, hold Hangfire's SQLite file with an exclusive transaction: the job
        // storage can write nothing, so Hangfire starts no round; release it once the warning came.
        await output.SeenAsync(l => l.Contains(" answered ", StringComparison.Ordinal), count: 2).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await using (var jobs = new SqliteConnection($"Data Source={db}.hangfire;Pooling=false;Default Timeout=30"))
        {
            await jobs.OpenAsync(Ct);
            await using var hold = jobs.CreateCommand();
            hold.CommandText = "BEGIN EXCLUSIVE";
            await hold.ExecuteNonQueryAsync(Ct);
            await output.SeenAsync(l => l.StartsWith("warning: the job storage has started no round", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(0, await run);
        var lines = output.Lines;
        Assert.Single(lines, l => l.StartsWith("warning: the job storage has started no round", StringComparison.Ordinal));
        Assert.Equal(18, lines.Count(l => l.Contains(" answered ", StringComparison.Ordinal)));
        Assert.Equal((18L, 18L), await RoundsAsync(db));
    }

    /// <summary>Collects lines and lets a test wait for one.</summary>
    private sealed class WatchedWriter : StringWriter
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];
        private readonly List<(Func<string, bool> Match, int Count, TaskCompletionSource Seen)> _waits = [];

        public List<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public Task SeenAsync(Func<string, bool> match, int count = 1)
        {
            lock (_gate)
            {
                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_lines.Count(match) >= count)
                {
                    seen.SetResult();
                }
                else
                {
                    _waits.Add((match, count, seen));
                }

                return seen.Task;
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                _lines.Add(value ?? string.Empty);
                foreach (var wait in _waits.Where(w => _lines.Count(w.Match) >= w.Count).ToList())
                {
                    wait.Seen.TrySetResult();
                    _waits.Remove(wait);
                }
            }

            base.WriteLine(value);
        }
    }
}
