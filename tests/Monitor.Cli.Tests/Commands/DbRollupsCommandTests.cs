using System.Text.Json;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor db rollups</c>: the hourly rollups kept on ingest, on SQLite.</summary>
public sealed class DbRollupsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-rollups-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Rollups_Json_GivesEachSeriesHourWithPercentiles()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("db", "rollups", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var hours = doc.RootElement.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(3, hours.Count); // t-a in hours 10 and 11, t-b in hour 10
        var first = hours[0];
        Assert.Equal("t-a", first.GetProperty("target").GetString());
        Assert.Equal(10, first.GetProperty("probes").GetInt64());
        Assert.Equal(9, first.GetProperty("answered").GetInt64());
        Assert.Equal(2, first.GetProperty("sites").GetInt32());
        // RTTs 10, 11, … 18 ms: the median 14 ms, within the histogram's 0.5 %.
        Assert.InRange(first.GetProperty("p50_ms").GetDouble(), 14 * 0.995, 14 * 1.005);
        Assert.Equal(JsonValueKind.Null, hours[2].GetProperty("p50_ms").ValueKind); // t-b only timed out
    }

    [Fact]
    public async Task Rollups_Window_ReadsTheHoursStartingInItAsText()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("db", "rollups", "--db", db, "--from", "2026-11-20T11:00:00Z", "--to", "2026-11-20T12:00:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.OutputLines.Length); // header and one series-hour
        Assert.Contains("p95 ms", run.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("vp-1", run.OutputLines[1], StringComparison.Ordinal);
        Assert.Contains("2026-11-20T11:00:00", run.OutputLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollups_EmptyWindow_ExitsOne()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("db", "rollups", "--db", db, "--from", "2026-11-21T00:00:00Z");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no hourly rollups", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollups_ToBeforeFrom_ExitsTwo()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("db", "rollups", "--db", db, "--from", "2026-11-20T12:00:00Z", "--to", "2026-11-20T11:00:00Z");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--to", run.Error, StringComparison.Ordinal);
    }

    // vp-1: ten probes of t-a in hour 10 (one timeout, two sites), one in hour 11, one timeout of t-b in hour 10.
    private async Task<string> SeedAsync()
    {
        var db = Path.Combine(_directory, "m.db");
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        for (var i = 0; i < 10; i++)
        {
            var at = Hour.AddMinutes(i * 5);
            var probe = i == 9
                ? Some.Measurement("vp-1", "t-a", at, outcome: ProbeOutcome.Timeout)
                : Some.Measurement("vp-1", "t-a", at, rttMs: 10 + i, idServer: i < 5 ? "ams1" : "fra1");
            var probes = i == 0 ? new[] { probe, Some.Measurement("vp-1", "t-b", at.AddMilliseconds(1), outcome: ProbeOutcome.Timeout) } : [probe];
            var (round, measurements) = Some.Round("vp-1", at, probes);
            await store.WriteRoundAsync(round, measurements, Ct);
        }

        var (last, rows) = Some.Round("vp-1", Hour.AddHours(1), Some.Measurement("vp-1", "t-a", Hour.AddHours(1), rttMs: 30));
        await store.WriteRoundAsync(last, rows, Ct);
        return db;
    }
}
