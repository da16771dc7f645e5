using Microsoft.Data.Sqlite;

using Monitor.Cli.Scheduling;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Scheduling;

/// <summary>A long run seals each closed UTC day once, after the first round of the next day, and says so.</summary>
public sealed class ClosedDaySealerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-sealer-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AfterRound_NewDay_SealsTheDayThatClosedOnce()
    {
        var clock = new Clock { Now = Some.Instant };
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(Path.Combine(_directory, "m.db")), clock, Ct);
        var heard = new List<string>();
        var sealer = new ClosedDaySealer(store, clock, heard.Add);
        await WriteRoundAsync(store, Some.Instant);

        sealer.AfterRound(); // the day of the round is still open
        await sealer.FinishAsync();
        Assert.Empty(heard);

        clock.Now = Some.Instant.AddDays(1);
        await WriteRoundAsync(store, clock.Now);
        sealer.AfterRound();
        sealer.AfterRound(); // same day: nothing more
        await sealer.FinishAsync();

        var line = Assert.Single(heard);
        Assert.StartsWith("sealed 2 closed series-day(s) before 2026-11-28T00:00:00.000Z (2 rows)", line, StringComparison.Ordinal);
    }

    private static async Task WriteRoundAsync(SqlMeasurementStore store, DateTimeOffset at)
    {
        var (round, measurements) = Some.Round("vp-1", at, Some.Measurement(started: at.AddMilliseconds(10), target: "a"), Some.Measurement(started: at.AddMilliseconds(20), target: "b"));
        await store.WriteRoundAsync(round, measurements, Ct);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
