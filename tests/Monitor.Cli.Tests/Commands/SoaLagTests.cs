using System.Globalization;
using System.Net;
using System.Text.Json;

using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// Zone freshness end to end: two real NSD "sites" of one zone on one port (127.0.0.2 ams1,
/// 127.0.0.3 fra1), probed by <c>monitor run</c> through a target with both sites; the serial bumped
/// on ams1, so fra1 lags, then on fra1, so the lag is cleared; <c>monitor analyze --json</c> reports it
/// in <c>soa_lag</c>, and the stored measurements carry transport, address and serial.
/// </summary>
public sealed class SoaLagTests : IDisposable
{
    private const string ZoneName = "lag.test";
    private static readonly IPAddress Ams = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Fra = IPAddress.Parse("127.0.0.3");
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-soa-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task RunThenAnalyze_SerialBumpedOnOneSite_LagFlaggedThenCleared()
    {
        var port = NsdServer.FreePort();
        using var ams = NsdServer.Start("ams1", "ams1", null, port, Zone(2026120100), [Ams]);
        using var fra = NsdServer.Start("fra1", "fra1", null, port, Zone(2026120100), [Fra]);
        var config = Path.Combine(_directory, "lag.yaml");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            interval: 1s
            timeout: 500ms
            targets:
              - id: lag
                provider: local
                address: {Ams}
                port: {port}
                kind: anycast
                query:
                  name: {ZoneName}
                  class: IN
                  type: SOA
                identity: [nsid]
                sites:
                  - id: ams1
                    address: {Ams}
                  - id: fra1
                    address: {Fra}

            """), Ct);
        var db = Path.Combine(_directory, "lag.db");

        await RunAsync(config, db);
        ams.ReplaceZone(Zone(2026120101));
        await Task.Delay(500, Ct); // NSD reloads the zone
        await RunAsync(config, db);
        var lagging = await AnalyzeAsync(db);

        var lag = Assert.Single(lagging.GetProperty("soa_lag").EnumerateArray().ToList());
        Assert.Equal("lag", lag.GetProperty("target").GetString());
        Assert.Equal("FRA", lag.GetProperty("site").GetString()); // the site rules read the airport code from the identity
        Assert.Equal(2026120100u, lag.GetProperty("serial").GetUInt32());
        Assert.Equal(2026120101u, lag.GetProperty("newest").GetUInt32());
        Assert.Equal(1, lag.GetProperty("behind").GetInt64());
        Assert.Equal(JsonValueKind.Null, lag.GetProperty("cleared").ValueKind);
        Assert.Contains(lagging.GetProperty("soa_serials").EnumerateArray(), s => s.GetProperty("serial").GetUInt32() == 2026120101u);

        fra.ReplaceZone(Zone(2026120101));
        await Task.Delay(500, Ct);
        await RunAsync(config, db);
        var caughtUp = await AnalyzeAsync(db);

        var cleared = Assert.Single(caughtUp.GetProperty("soa_lag").EnumerateArray().ToList());
        Assert.Equal(JsonValueKind.String, cleared.GetProperty("cleared").ValueKind);

        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        var stored = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);
        Assert.All(stored.Where(m => m.IsAnswered), m =>
        {
            Assert.Equal(Core.Domain.Transport.Udp, m.Transport);
            Assert.NotNull(m.SoaSerial);
            Assert.True(Ams.Equals(m.Address) || Fra.Equals(m.Address), m.Address?.ToString());
        });
    }

    private static async Task RunAsync(string config, string db)
    {
        var run = await CliRun.InProcessAsync("run", "--config", config, "--rounds", "3", "--db", db);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
    }

    private static async Task<JsonElement> AnalyzeAsync(string db)
    {
        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--soa-lag", "1s", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    private static NsdZone Zone(long serial) => NsdZone.WithSerial(ZoneName, serial);
}
