using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage.Migrations;
using Monitor.Storage.Sql;

namespace Monitor.Storage.Tests;

/// <summary>The storage contract on SQLite, plus what is SQLite's own.</summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<SqlDialect> CreateDatabaseAsync() =>
        Task.FromResult<SqlDialect>(new SqliteDialect(_directory.File($"{Guid.NewGuid():N}.db")));

    [Fact]
    public async Task Migrate_FromEmpty_AppliesAllThenNothing()
    {
        var dialect = new SqliteDialect(_directory.File("m.db"));
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);

        var first = await Migrator.MigrateAsync(dialect, connection, TimeProvider.System, TestContext.Current.CancellationToken);
        var again = await Migrator.MigrateAsync(dialect, connection, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(Migration.For(dialect.Name).Select(m => m.Version), first);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Open_UsesWalJournal()
    {
        var dialect = new SqliteDialect(_directory.File("wal.db"));
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadMeasurementsAsync_SeriesOrder_OrdersIdsAsSqliteDoesUtf8Octets()
    {
        // U+1F600 is a surrogate pair in UTF-16 (below U+FF21) but starts with 0xF0 in UTF-8 (above 0xEF):
        // ordinal string order and SQLite's BINARY order disagree on these.
        var dialect = new SqliteDialect(_directory.File("order.db"));
        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, TestContext.Current.CancellationToken);
        var written = Mixed(["vp-\uFF21", "vp-\U0001F600", "vp-é", "vp_a", "vp-Z"], ["t-\U0001F600", "t-\uFF21", "T"], 150);
        await WriteShuffledAsync(store, written);

        var series = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true, Order = MeasurementOrder.Series }, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT s.vantage_id, s.target_id, m.started_us FROM measurements m JOIN series s ON s.id = m.series_id ORDER BY s.vantage_id, s.target_id, m.started_us";
        var sqlOrder = new List<(string, string, long)>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                sqlOrder.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        Assert.Equal(sqlOrder, series.Select(m => (m.VantageId, m.TargetId, UnixTime.ToMicroseconds(m.Started))));
        AssertSame(written, series, SeriesOrder);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
