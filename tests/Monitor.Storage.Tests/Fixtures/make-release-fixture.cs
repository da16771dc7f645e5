// Writes release-1af8e20.db through the store as it was at commit 1af8e20 (schema version 5):
//   git worktree add /tmp/r 1af8e20 && cp make-release-fixture.cs /tmp/r/ && cd /tmp/r
//   dotnet run make-release-fixture.cs -- release-1af8e20.db
// Not compiled with the tests (see the .csproj); kept beside the fixture as its provenance.
#:project ../../../src/Monitor.Storage/Monitor.Storage.csproj
#:project ../../Monitor.Testing/Monitor.Testing.csproj
#:property PublishAot=false
using System.Net;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

var path = args[0];
File.Delete(path);
var ct = CancellationToken.None;
await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(path), TimeProvider.System, ct);
await store.UpsertTargetsAsync(SampleNetwork.Targets, SampleNetwork.Start, ct);
foreach (var vp in SampleNetwork.Vantages)
{
    await store.UpsertVantagePointAsync(vp, SampleNetwork.Start, ct);
}

// Five minutes of the sample network: regular rounds, every vantage point and target.
var count = 0;
foreach (var (round, measurements) in SampleNetwork.Build().Where(r => r.Round.Scheduled < SampleNetwork.Start.AddMinutes(5)))
{
    count += await store.WriteRoundAsync(round, measurements, ct);
}

// One round with every optional field, hostile and empty identities, every outcome, burst and site probes.
var t0 = SampleNetwork.Start.AddHours(1);
byte[] hostile = [0x3d, 0x63, 0x6d, 0x64, 0x7c, 0x00, 0x1b, 0xe2, 0x80, 0xae, 0xff];
var full = Some.Measurement("vp-ams", "k-root", t0.AddTicks(1234), rttMs: 0.123) with
{
    Rcode = 16,
    ResponseSize = 512,
    Truncated = true,
    Identity = new ObservedIdentity(new IdentityValue(hostile), IdentityValue.FromAscii("hb"), new IdentityValue([])),
    IdentityRtt = TimeSpan.FromMicroseconds(4567),
    Discarded = 3,
    Error = "x\u00e9",
    Answers = "192.0.2.1,192.0.2.7",
    Transport = Transport.Https,
    Address = IPAddress.Parse("2001:db8::53"),
    Connection = ConnectionMode.Kept,
    ConnectTime = TimeSpan.FromMicroseconds(812),
    TlsTime = TimeSpan.FromMicroseconds(3301),
    Reconnects = 1,
    AuthenticData = true,
    RrsigSeen = false,
    SoaSerial = 4294967295,
};
var rows = new[]
{
    full,
    Some.Measurement("vp-ams", "k-root", t0.AddMilliseconds(1), ProbeOutcome.Timeout) with { Transport = Transport.Udp, Address = IPAddress.Loopback },
    Some.Measurement("vp-ams", "quad9", t0.AddMilliseconds(2), ProbeOutcome.NetworkError) with { Discarded = 2 },
    Some.Measurement("vp-ams", "quad9", t0.AddMilliseconds(3), ProbeOutcome.Malformed),
    Some.Measurement("vp-ams", "quad9", t0.AddMilliseconds(4)) with { Kind = ProbeKind.Site, SiteId = "ams1", Answers = string.Empty },
    Some.Measurement("vp-ams", "k-root", t0.AddMilliseconds(4)) with { Rcode = 4095, Transport = Transport.Tls, Connection = ConnectionMode.Fresh, AuthenticData = false, RrsigSeen = true },
};
var (everything, written) = Some.Round("vp-ams", t0, rows);
count += await store.WriteRoundAsync(everything, written, ct);
var burstProbe = Some.Measurement("vp-fra", "k-root", t0.AddSeconds(7), ProbeOutcome.Timeout) with { Kind = ProbeKind.Burst };
var burst = new Round(Guid.CreateVersion7(burstProbe.Started), "vp-fra", burstProbe.Started, burstProbe.Started, burstProbe.Started.AddMilliseconds(300), 1, 0) { Kind = ProbeKind.Burst };
count += await store.WriteRoundAsync(burst, [burstProbe with { RoundId = burst.Id }], ct);

// An Atlas-style import: no rounds, stable ids, origins, vantage metadata.
var imported = Enumerable.Range(0, 40).Select(i => Some.Measurement($"atlas-{i % 4}", "atlas-k-root", t0.AddMinutes(10).AddSeconds(i), idServer: $"s{i % 3}", nsid: null) with { RoundId = null }).ToList();
var origins = imported.Select((m, i) => new MeasurementOrigin(m.Id, 1768147, i % 4, i % 2 == 0 ? "192.0.2." + i : null)).ToList();
var vantages = imported.Select(m => new VantagePoint(m.VantageId) { Country = "NL", Asn = 3333, AsnV6 = 3334, IsAnchor = true }).DistinctBy(v => v.Id).ToList();
count += await store.WriteImportAsync(vantages, imported, origins, t0, ct);
await store.PublishScheduleAsync("default", new Schedule(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2)), SampleNetwork.Targets, t0, ct);
Console.WriteLine($"wrote {count} measurements into {path}");
