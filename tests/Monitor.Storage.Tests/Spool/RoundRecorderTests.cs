using Microsoft.Data.Sqlite;

using Monitor.Storage.Spool;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Storage.Tests.Spool;

public sealed class RoundRecorderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_DatabaseReachable_StoresAndEmptiesSpool()
    {
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(_directory.File("r.db")), TimeProvider.System, Ct);
        var recorder = new RoundRecorder(store, new RoundSpool(_directory.File("spool")));
        var (round, measurements) = Some.Round("vp-1", Some.Instant, Some.Measurement(), Some.Measurement());

        var result = await recorder.RecordAsync(round, measurements, Ct);

        Assert.True(result.Stored);
        Assert.Equal(0, result.Pending);
        Assert.Equal(2, (await store.GetStatsAsync(Ct)).Measurements);
    }

    [Fact]
    public async Task RecordAsync_DatabaseLockedByAnotherWriter_SpoolsThenFlushesWithoutDuplicates()
    {
        var path = _directory.File("locked.db");
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path, busyTimeout: TimeSpan.FromSeconds(1)), TimeProvider.System, Ct);
        var recorder = new RoundRecorder(store, new RoundSpool(_directory.File("spool")));
        var first = Some.Round("vp-1", Some.Instant, Some.Measurement(), Some.Measurement());
        var second = Some.Round("vp-1", Some.Instant.AddSeconds(30), Some.Measurement());

        // Another connection holds the write lock, as another process would.
        await using (await WriteLockAsync(path))
        {
            var r1 = await recorder.RecordAsync(first.Round, first.Measurements, Ct);
            var r2 = await recorder.RecordAsync(second.Round, second.Measurements, Ct);

            Assert.False(r1.Stored);
            Assert.Contains("locked", r1.Error, StringComparison.OrdinalIgnoreCase);
            Assert.False(r2.Stored);
            Assert.Equal(2, r2.Pending);

        }

        var flush = await recorder.FlushAsync(Ct);
        var again = await recorder.FlushAsync(Ct);
        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(2, flush.Written);
        Assert.Equal(0, again.Written);
        Assert.Equal(3, stats.Measurements);
        Assert.Equal(2, stats.Rounds);
        Assert.Equal(0, recorder.Pending);
    }

    [Fact]
    public async Task RecordAsync_SpoolCannotBeWritten_DatabaseTakesTheRoundDirectly()
    {
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(_directory.File("direct.db")), TimeProvider.System, Ct);
        var recorder = new RoundRecorder(store, new RoundSpool(_directory.File("tiny"), maxBytes: 1024));
        var (round, measurements) = Some.Round("vp-1", Some.Instant, Five());

        var result = await recorder.RecordAsync(round, measurements, Ct);

        Assert.True(result.Stored);
        Assert.Null(result.Error);
        Assert.Equal(0, result.Pending);
        Assert.Equal(5, (await store.GetStatsAsync(Ct)).Measurements);
    }

    [Fact]
    public async Task RecordAsync_NeitherSpoolNorDatabase_HeldInMemoryThenFlushedOnceInOrder()
    {
        var path = _directory.File("held.db");
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path, busyTimeout: TimeSpan.FromMilliseconds(200)), TimeProvider.System, Ct);
        var recorder = new RoundRecorder(store, new RoundSpool(_directory.File("tiny"), maxBytes: 1024));
        var first = Some.Round("vp-1", Some.Instant, Five());
        var second = Some.Round("vp-1", Some.Instant.AddSeconds(30), Five());

        // Another connection holds the write lock, as another process would.
        await using (await WriteLockAsync(path))
        {
            var r1 = await recorder.RecordAsync(first.Round, first.Measurements, Ct);
            var r2 = await recorder.RecordAsync(second.Round, second.Measurements, Ct);

            Assert.False(r1.Stored);
            Assert.Contains("locked", r1.Error, StringComparison.OrdinalIgnoreCase);
            Assert.False(r2.Stored);
            Assert.Equal(2, recorder.Held);
            Assert.Equal(2, r2.Pending);

        }

        var flush = await recorder.FlushAsync(Ct);
        var again = await recorder.FlushAsync(Ct);

        Assert.Equal(2, flush.Written);
        Assert.Equal(0, again.Written);
        Assert.Equal(0, recorder.Pending);
        var stats = await store.GetStatsAsync(Ct);
        Assert.Equal((2L, 10L), (stats.Rounds, stats.Measurements));
    }

    [Fact]
    public async Task RecordAsync_MemoryBoundReached_SpoolFullAndNothingHeldIsLost()
    {
        var path = _directory.File("bound.db");
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path, busyTimeout: TimeSpan.FromMilliseconds(200)), TimeProvider.System, Ct);
        var recorder = new RoundRecorder(store, new RoundSpool(_directory.File("tiny"), maxBytes: 1024), maxHeldMeasurements: 7);
        var first = Some.Round("vp-1", Some.Instant, Five());
        var second = Some.Round("vp-1", Some.Instant.AddSeconds(30), Five());

        // Another connection holds the write lock, as another process would.
        await using (await WriteLockAsync(path))
        {
            await recorder.RecordAsync(first.Round, first.Measurements, Ct);
            var full = await Assert.ThrowsAsync<SpoolFullException>(() => recorder.RecordAsync(second.Round, second.Measurements, Ct));
            Assert.Contains("in memory", full.Message, StringComparison.Ordinal);

        }

        await recorder.FlushAsync(Ct);
        Assert.Equal(5, (await store.GetStatsAsync(Ct)).Measurements);
    }

    /// <summary>Holds SQLite's write lock on <paramref name="path"/> from another connection until disposed.</summary>
    private static async Task<SqliteConnection> WriteLockAsync(string path)
    {
        var locker = new SqliteConnection($"Data Source={path};Pooling=false");
        await locker.OpenAsync(Ct);
        await using var hold = locker.CreateCommand();
        hold.CommandText = "BEGIN EXCLUSIVE";
        await hold.ExecuteNonQueryAsync(Ct);
        return locker; // closing the connection rolls the transaction back
    }

    private static Core.Domain.Measurement[] Five() => [.. Enumerable.Range(0, 5).Select(_ => Some.Measurement())];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
