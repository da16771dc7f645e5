using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

/// <summary>The storage contract on a real PostgreSQL started by the tests.</summary>
public sealed class PostgresStoreTests : StoreContractTests, IClassFixture<PostgresStoreTests.Server>
{
    private readonly Server _server;

    public PostgresStoreTests(Server server) => _server = server;

    protected override Task<SqlDialect> CreateDatabaseAsync() =>
        Task.FromResult<SqlDialect>(new PostgresDialect(_server.Instance.CreateDatabase()));

    [Fact]
    public async Task Open_OverUnixSocket_Works()
    {
        var dialect = new PostgresDialect(_server.Instance.CreateDatabase(unixSocket: true));

        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(0, (await store.GetStatsAsync(TestContext.Current.CancellationToken)).Measurements);
    }

    [Fact]
    public async Task OpenAsync_ManyAtOnce_MigratesOnce()
    {
        var connection = _server.Instance.CreateDatabase();

        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SqlMeasurementStore.OpenAsync(new PostgresDialect(connection), TimeProvider.System, TestContext.Current.CancellationToken)));

        Assert.Equal(8, stores.Length);
    }

    [Fact]
    public void Describe_NeverShowsThePassword() =>
        Assert.DoesNotContain("s3cret", new PostgresDialect("Host=db.example;Username=monitor;Password=s3cret;Database=m").Describe(), StringComparison.Ordinal);

    public sealed class Server : IDisposable
    {
        private PostgresServer? _instance;

        public PostgresServer Instance => _instance ??= PostgresServer.Start();

        public void Dispose() => _instance?.Dispose();
    }
}
