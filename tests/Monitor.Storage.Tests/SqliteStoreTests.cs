using Microsoft.Data.Sqlite;

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

        Assert.Equal(Migration.All.Select(m => m.Version), first);
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
