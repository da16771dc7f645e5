using System.Text.Json;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor db prune --older-than DUR</c> on SQLite and on a real PostgreSQL.</summary>
public sealed class DbPruneCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-prune-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Prune_Sqlite_RemovesOlderRowsAndSaysSo()
    {
        var db = Path.Combine(_directory, "m.db");
        await SeedAsync(new SqliteDialect(db));

        var text = await CliRun.InProcessAsync("db", "prune", "--db", db, "--older-than", "2d");
        var json = await CliRun.InProcessAsync("db", "prune", "--db", db, "--older-than", "12h", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("removed 4 measurement(s) and 2 round(s) started before", text.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(2, doc.RootElement.GetProperty("measurements").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("rounds").GetInt64());
        Assert.Equal(0, doc.RootElement.GetProperty("partitions").GetArrayLength());
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        Assert.Equal(2, (await store.GetStatsAsync(Ct)).Measurements);
    }

    [Fact]
    public async Task Prune_Postgres_DropsWholeDayPartitions()
    {
        using var server = PostgresServer.Start();
        var db = server.CreateDatabase();
        await SeedAsync(new PostgresDialect(db));

        var run = await CliRun.InProcessAsync("db", "prune", "--db", db, "--older-than", "2d", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(4, doc.RootElement.GetProperty("measurements").GetInt64());
        Assert.NotEqual(0, doc.RootElement.GetProperty("partitions").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("partitions").EnumerateArray(), p => Assert.StartsWith("measurements_d", p.GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(db, run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--older-than", "soon")]
    [InlineData("--older-than", "0s")]
    public async Task Prune_BadDuration_ExitsTwoAndKeepsEverything(string option, string value)
    {
        var db = Path.Combine(_directory, "bad.db");
        await SeedAsync(new SqliteDialect(db));

        var run = await CliRun.InProcessAsync("db", "prune", "--db", db, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--older-than", run.Error, StringComparison.Ordinal);
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        Assert.Equal(8, (await store.GetStatsAsync(Ct)).Measurements);
    }

    /// <summary>Rounds of two measurements (targets a and b) 4 days, 3 days, 1 day ago and now (also <see cref="DbSealCommandTests"/>' data).</summary>
    internal static async Task SeedAsync(SqlDialect dialect)
    {
        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var ago in new[] { TimeSpan.FromDays(4), TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.FromMinutes(1) })
        {
            var at = now - ago;
            var (round, measurements) = Some.Round("vp-1", at, Some.Measurement(started: at.AddMilliseconds(10), target: "a"), Some.Measurement(started: at.AddMilliseconds(20), target: "b", outcome: ProbeOutcome.Timeout));
            await store.WriteRoundAsync(round, measurements, Ct);
        }
    }
}
