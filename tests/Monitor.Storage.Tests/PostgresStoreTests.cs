using Microsoft.Data.Sqlite;

using Monitor.Storage.Migrations;
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
    public async Task Open_Version5Database_ConvertsEveryMeasurementInPlace()
    {
        // A version-5 PostgreSQL database holding the rows of the release fixture, copied table by table.
        var ct = TestContext.Current.CancellationToken;
        var dialect = new PostgresDialect(_server.Instance.CreateDatabase());
        await using (var connection = await dialect.OpenAsync(ct))
        {
            await Migrator.MigrateAsync(dialect, connection, TimeProvider.System, 5, ct);
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = MigrationTests.Fixture, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await sqlite.OpenAsync(ct);
            foreach (var table in new[] { "rounds", "measurements", "atlas_origins" })
            {
                await CopyTableAsync(sqlite, (Npgsql.NpgsqlConnection)connection, table, ct);
            }
        }

        var (before, rounds, origins) = await MigrationTests.ReadVersion5Async(MigrationTests.Fixture);

        await using var store = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, ct);
        var after = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, ct).ToListAsync(ct);
        var series = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true, Order = MeasurementOrder.Series }, ct).ToListAsync(ct);

        StoreContractTests.AssertSame(before, after, StoreContractTests.ByTime);
        StoreContractTests.AssertSame(before, series, StoreContractTests.SeriesOrder);
        Assert.Equal(StoreContractTests.RollupsOf(after), StoreContractTests.Describe(await store.ReadHourlyRollupsAsync(MeasurementQuery.All with { AllKinds = true }, ct)));
        var imported = before.Where(m => origins.ContainsKey(m.Id)).ToList();
        Assert.All(imported, m => Assert.Contains(m, after));
        Assert.Equal(0, await store.WriteImportAsync([], imported, [], Some.Instant, ct));
        Assert.Equal(0, await store.WriteRoundAsync(rounds[0], [.. before.Where(m => m.RoundId == rounds[0].Id)], ct));
        Assert.Equal(rounds, await store.ReadRoundsAsync(MeasurementQuery.All with { AllKinds = true }, ct));
        var (next, fresh) = Some.Round("vp-ams", Some.Instant.AddDays(3), Some.Measurement("vp-ams", "k-root", Some.Instant.AddDays(3)));
        Assert.Equal(1, await store.WriteRoundAsync(next, fresh, ct));
        Assert.Equal(before.Count + 1, (await store.GetStatsAsync(ct)).Measurements);
    }

    /// <inheritdoc />
    protected override void AssertPruned(PruneResult result) => Assert.Equal(["measurements_d20261120"], result.Partitions);

    [Fact]
    public void Describe_NeverShowsThePassword() =>
        Assert.DoesNotContain("s3cret", new PostgresDialect("Host=db.example;Username=monitor;Password=s3cret;Database=m").Describe(), StringComparison.Ordinal);

    private static async Task CopyTableAsync(SqliteConnection from, Npgsql.NpgsqlConnection to, string table, CancellationToken ct)
    {
        string[] uuids = ["id", "round_id", "measurement_id"];
        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT * FROM {table}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        await using var insert = new Npgsql.NpgsqlCommand($"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$" + (i + 1)))})", to);
        while (await reader.ReadAsync(ct))
        {
            insert.Parameters.Clear();
            for (var i = 0; i < names.Length; i++)
            {
                var value = reader.GetValue(i);
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value is byte[] octets && uuids.Contains(names[i]) ? new Guid(octets, bigEndian: true) : value });
            }

            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    public sealed class Server : IDisposable
    {
        private PostgresServer? _instance;

        public PostgresServer Instance => _instance ??= PostgresServer.Start();

        public void Dispose() => _instance?.Dispose();
    }
}
