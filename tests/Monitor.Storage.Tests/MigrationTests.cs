using System.Net;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage.Migrations;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

/// <summary>Migration 0006 (the lean measurement table) on a database written by release 1af8e20 (Fixtures/README.md).</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>The database written by release 1af8e20.</summary>
    internal static string Fixture { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-1af8e20.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_ReleaseDatabase_ConvertsEveryMeasurementInPlace()
    {
        var path = _directory.File("release.db");
        File.Copy(Fixture, path);
        var (before, rounds, origins) = await ReadVersion5Async(path);

        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path), TimeProvider.System, Ct);
        var after = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);
        var series = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true, Order = MeasurementOrder.Series }, Ct).ToListAsync(Ct);

        Assert.Equal(207, before.Count);
        StoreContractTests.AssertSame(before, after, StoreContractTests.ByTime);
        StoreContractTests.AssertSame(before, series, StoreContractTests.SeriesOrder);

        // Imported measurements keep their ids (their origins name them); a re-import adds nothing, a round written again neither.
        var imported = before.Where(m => origins.ContainsKey(m.Id)).ToList();
        Assert.Equal(40, imported.Count);
        Assert.All(imported, m => Assert.Contains(m, after));
        Assert.Equal(origins.Values.OrderBy(o => o.MeasurementId), (await store.ReadOriginsAsync(Ct)).Values.OrderBy(o => o.MeasurementId));
        Assert.Equal(0, await store.WriteImportAsync([], imported, [], Some.Instant, Ct));
        var round = rounds[0];
        Assert.Equal(0, await store.WriteRoundAsync(round, [.. before.Where(m => m.RoundId == round.Id)], Ct));
        Assert.Equal(rounds, await store.ReadRoundsAsync(MeasurementQuery.All with { AllKinds = true }, Ct));
        Assert.Equal(207, (await store.GetStatsAsync(Ct)).Measurements);

        // And new rounds go on being written after the converted ones.
        var (next, fresh) = Some.Round("vp-ams", Some.Instant.AddDays(1), Some.Measurement("vp-ams", "k-root", Some.Instant.AddDays(1)));
        Assert.Equal(1, await store.WriteRoundAsync(next, fresh, Ct));
        Assert.Equal(208, await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task Open_ReleaseDatabase_FillsHourlyRollupsFromTheRows()
    {
        var path = _directory.File("release.db");
        File.Copy(Fixture, path);

        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path), TimeProvider.System, Ct);
        var rows = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);
        var hours = await store.ReadHourlyRollupsAsync(MeasurementQuery.All with { AllKinds = true }, Ct);

        Assert.Equal(207, hours.Sum(h => h.Probes));
        Assert.Contains(hours, h => h.Rtt.Count > 0);
        Assert.Equal(StoreContractTests.RollupsOf(rows), StoreContractTests.Describe(hours));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    // The rows as schema version 5 holds them, read with plain SQL (the store that wrote them is gone).
    internal static async Task<(List<Measurement> Measurements, List<Round> Rounds, Dictionary<Guid, MeasurementOrigin> Origins)> ReadVersion5Async(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_migrations";
        Assert.Equal(5L, await command.ExecuteScalarAsync(Ct));
        command.CommandText = """
            SELECT id, round_id, vantage_id, target_id, started_us, outcome, rtt_us, rcode, response_size, truncated, id_server,
                hostname_bind, nsid, identity_rtt_us, discarded, error, probe_kind, site_id, answers, transport, address, connection,
                connect_us, tls_us, reconnects, dnssec_flags, soa_serial
            FROM measurements
            """;
        var measurements = new List<Measurement>();
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            while (await r.ReadAsync(Ct))
            {
                long? Int(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
                TimeSpan? Us(int i) => r.IsDBNull(i) ? null : TimeSpan.FromMicroseconds(r.GetInt64(i));
                IdentityValue? Identity(int i) => r.IsDBNull(i) ? null : new IdentityValue(r.GetFieldValue<byte[]>(i));
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                var identity = new ObservedIdentity(Identity(10), Identity(11), Identity(12));
                var dnssec = Int(25);
                measurements.Add(new Measurement
                {
                    Id = new Guid(r.GetFieldValue<byte[]>(0), bigEndian: true),
                    RoundId = r.IsDBNull(1) ? null : new Guid(r.GetFieldValue<byte[]>(1), bigEndian: true),
                    VantageId = r.GetString(2),
                    TargetId = r.GetString(3),
                    Started = UnixTime.FromMicroseconds(r.GetInt64(4)),
                    Outcome = (ProbeOutcome)r.GetInt64(5),
                    Rtt = Us(6),
                    Rcode = (int?)Int(7),
                    ResponseSize = (int?)Int(8),
                    Truncated = r.GetInt64(9) != 0,
                    Identity = identity.IsEmpty ? ObservedIdentity.None : identity,
                    IdentityRtt = Us(13),
                    Discarded = (int)r.GetInt64(14),
                    Error = Text(15),
                    Kind = (ProbeKind)r.GetInt64(16),
                    SiteId = Text(17),
                    Answers = Text(18),
                    Transport = Int(19) is { } t ? (Transport)t : null,
                    Address = Text(20) is { } a ? IPAddress.Parse(a) : null,
                    Connection = Int(21) is { } c ? (ConnectionMode)c : null,
                    ConnectTime = Us(22),
                    TlsTime = Us(23),
                    Reconnects = (int?)Int(24),
                    AuthenticData = dnssec is { } ad ? (ad & 1) != 0 : null,
                    RrsigSeen = dnssec is { } rr ? (rr & 2) != 0 : null,
                    SoaSerial = Int(26),
                });
            }
        }

        command.CommandText = "SELECT id, vantage_id, scheduled_us, started_us, finished_us, probes, answered, kind FROM rounds ORDER BY scheduled_us, id";
        var rounds = new List<Round>();
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            while (await r.ReadAsync(Ct))
            {
                rounds.Add(new Round(
                    new Guid(r.GetFieldValue<byte[]>(0), bigEndian: true),
                    r.GetString(1),
                    UnixTime.FromMicroseconds(r.GetInt64(2)),
                    UnixTime.FromMicroseconds(r.GetInt64(3)),
                    UnixTime.FromMicroseconds(r.GetInt64(4)),
                    (int)r.GetInt64(5),
                    (int)r.GetInt64(6))
                { Kind = (ProbeKind)r.GetInt64(7) });
            }
        }

        command.CommandText = "SELECT measurement_id, msm_id, prb_id, probe_address FROM atlas_origins";
        var origins = new Dictionary<Guid, MeasurementOrigin>();
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            while (await r.ReadAsync(Ct))
            {
                var id = new Guid(r.GetFieldValue<byte[]>(0), bigEndian: true);
                origins[id] = new MeasurementOrigin(id, r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3));
            }
        }

        return (measurements, rounds, origins);
    }
}
