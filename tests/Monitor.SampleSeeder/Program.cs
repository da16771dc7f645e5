// Seeds a SQLite database with Monitor.Testing.SampleNetwork, for reports/make-sample.sh.
// Usage: dotnet run --project tests/Monitor.SampleSeeder -- DB
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: Monitor.SampleSeeder DB");
    return 2;
}

File.Delete(args[0]);
await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(args[0]), TimeProvider.System, CancellationToken.None);
await store.UpsertTargetsAsync(SampleNetwork.Targets, SampleNetwork.Start, CancellationToken.None);
foreach (var vp in SampleNetwork.Vantages)
{
    await store.UpsertVantagePointAsync(vp, SampleNetwork.Start, CancellationToken.None);
}

var count = 0;
foreach (var (round, measurements) in SampleNetwork.Build())
{
    count += await store.WriteRoundAsync(round, measurements, CancellationToken.None);
}

Console.WriteLine($"seeded {count} measurements into {args[0]}");
return 0;
