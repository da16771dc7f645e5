using Microsoft.Data.Sqlite;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Faults;

/// <summary>
/// Measuring does not depend on Hangfire's job storage: when it cannot be opened or written, the
/// scheduler's local clock runs each slot's round, once, and says so.
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
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "ams1").Build())]);
        var config = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 900ms\ntargets:\n  - {{id: t, provider: P, address: 127.0.0.1, port: {server.EndPoint.Port}, kind: unicast}}\n", Ct);
        var db = Path.Combine(_directory, "m.db");
        Directory.CreateDirectory(db + ".hangfire"); // a directory where the job storage's SQLite file should be

        var run = await CliRun.InProcessAsync("run", "--config", config, "--rounds", "3", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Contains("job storage", StringComparison.Ordinal) && l.Contains("cannot be used", StringComparison.Ordinal) && l.Contains("local clock", StringComparison.Ordinal));
        Assert.Equal(3, run.OutputLines.Count(l => l.Contains(" answered ", StringComparison.Ordinal)));
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT scheduled_us) FROM rounds";
        await using var rows = await command.ExecuteReaderAsync(Ct);
        Assert.True(await rows.ReadAsync(Ct));
        Assert.Equal((3L, 3L), (rows.GetInt64(0), rows.GetInt64(1)));
        Assert.Equal(3, server.QueriesReceived);
    }
}
