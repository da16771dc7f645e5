using System.Net;
using System.Text.Json;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor analyze</c> on a seeded database with known answers.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-analyze-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Three VPs probe target "cf" (provider Cloudflare, id.server is an IATA code) every 10 s:
    /// vp-ams stays on AMS; vp-fra and vp-par move AMS → LHR at probe 6; vp-par loses probes 2–4.
    /// </summary>
    private async Task<string> SeedAsync()
    {
        var db = Path.Combine(_directory, "seed.db");
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        await store.UpsertTargetsAsync([new Target("cf", IPAddress.Loopback) { Provider = "Cloudflare" }], T0, Ct);
        await store.UpsertVantagePointAsync(new VantagePoint("vp-ams") { Latitude = 52.37, Longitude = 4.89 }, T0, Ct);
        var series = new Dictionary<string, string>
        {
            ["vp-ams"] = "AAAAAAAAAAAA",
            ["vp-fra"] = "AAAAAALLLLLL",
            ["vp-par"] = "AA...ALLLLLL",
        };
        foreach (var (vantage, text) in series)
        {
            var measurements = text.Select((c, i) => new Measurement
            {
                Id = Guid.CreateVersion7(T0.AddSeconds(10 * i)),
                VantageId = vantage,
                TargetId = "cf",
                Started = T0.AddSeconds(10 * i),
                Outcome = c == '.' ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
                Rtt = c switch { 'A' => TimeSpan.FromMilliseconds(8), 'L' => TimeSpan.FromMilliseconds(20), _ => null },
                Rcode = c == '.' ? null : 0,
                Identity = c == '.' ? ObservedIdentity.None : new ObservedIdentity(IdentityValue.FromAscii(c == 'A' ? "AMS" : "LHR"), null, null),
            }).ToList();
            var round = new Round(Guid.NewGuid(), vantage, T0, T0, T0.AddMinutes(2), measurements.Count, measurements.Count(m => m.IsAnswered));
            await store.WriteRoundAsync(round, measurements, Ct);
        }

        return db;
    }

    [Fact]
    public async Task Analyze_Json_HasCatchmentLatencyShiftsAndOneEvent()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(36, root.GetProperty("measurements").GetInt32());
        var dominant = root.GetProperty("catchment").EnumerateArray().Where(c => c.GetProperty("dominant").GetBoolean())
            .ToDictionary(c => c.GetProperty("vantage").GetString()!, c => c.GetProperty("site").GetString());
        Assert.Equal("AMS", dominant["vp-ams"]);
        var shifts = root.GetProperty("shifts").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "shift").ToList();
        Assert.Equal(2, shifts.Count);
        Assert.All(shifts, s =>
        {
            Assert.Equal("AMS", s.GetProperty("from").GetString());
            Assert.Equal("LHR", s.GetProperty("to").GetString());
            Assert.Equal(8.0, s.GetProperty("rtt_before_ms").GetDouble());
            Assert.Equal(20.0, s.GetProperty("rtt_after_ms").GetDouble());
            Assert.Equal("2026-11-27T12:00:55.000Z", s.GetProperty("at").GetString());
        });
        var outage = Assert.Single(root.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("kind").GetString() == "outage");
        Assert.Equal("vp-par", outage.GetProperty("vantage").GetString());
        var e = Assert.Single(root.GetProperty("events").EnumerateArray().ToList());
        Assert.Equal(2, e.GetProperty("vantages").GetArrayLength());
        Assert.Equal(12.0, e.GetProperty("median_rtt_change_ms").GetDouble());
        var target = Assert.Single(root.GetProperty("target_latency").EnumerateArray().ToList());
        Assert.Equal(36, target.GetProperty("count").GetInt32());
        Assert.Equal(Math.Round(3.0 / 36, 4), target.GetProperty("loss").GetDouble(), 3);
        var ams = root.GetProperty("latency").EnumerateArray().Single(l => l.GetProperty("vantage").GetString() == "vp-ams");
        Assert.Equal(8.0, ams.GetProperty("p99_ms").GetDouble());
        Assert.Equal("London", root.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").GetString() == "LHR").GetProperty("city").GetString());
    }

    [Fact]
    public async Task Analyze_OwnProcess_SameJsonAsInProcess()
    {
        // The program's entry point runs analyze with SQLite in multi-thread mode; in process it stays serialized.
        var db = await SeedAsync();

        var own = await CliRun.ProcessAsync("analyze", "--db", db, "--json");
        var inProcess = await CliRun.InProcessAsync("analyze", "--db", db, "--json");

        Assert.Equal(0, own.ExitCode);
        Assert.Equal(string.Empty, own.Error);
        Assert.Equal(inProcess.Output, own.Output);
    }

    [Fact]
    public async Task Analyze_Json_SiteRowsCarryConfidenceAndEvidence()
    {
        var run = await CliRun.InProcessAsync("analyze", "--db", await SeedAsync(), "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;
        // The target's provider is Cloudflare, whose id.server is the colo's IATA code: its own convention.
        Assert.All(root.GetProperty("catchment").EnumerateArray(), c =>
        {
            Assert.Equal(JsonValueKind.String, c.GetProperty("site").ValueKind);
            Assert.Equal("high", c.GetProperty("site_confidence").GetString());
            Assert.Contains(c.GetProperty("site_evidence").EnumerateArray(), e => e.GetString()!.Contains("cloudflare-iata", StringComparison.Ordinal));
        });
        Assert.All(root.GetProperty("sites").EnumerateArray(), s => Assert.Equal("high", s.GetProperty("site_confidence").GetString()));
        Assert.All(root.GetProperty("latency").EnumerateArray(), l => Assert.Equal("high", l.GetProperty("site_confidence").GetString()));
        Assert.All(root.GetProperty("target_latency").EnumerateArray(), l =>
        {
            Assert.Equal(JsonValueKind.Null, l.GetProperty("site").ValueKind);
            Assert.Equal(JsonValueKind.Null, l.GetProperty("site_confidence").ValueKind);
        });
        Assert.Equal(0, root.GetProperty("uncertain_identities").GetArrayLength());
    }

    [Fact]
    public async Task Analyze_SitesFile_IsTriedBeforeTheBuiltInConventions()
    {
        var rules = Path.Combine(_directory, "sites.yaml");
        await File.WriteAllTextAsync(rules, "- name: my-rule\n  pattern: '^l(?<code>hr)$'\n  kind: iata\n", Ct);

        var run = await CliRun.InProcessAsync("analyze", "--db", await SeedAsync(), "--sites", rules, "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;
        // The file's rule reads LHR as the code "HR", which no table has: a low-confidence site, out of the shares.
        var hr = root.GetProperty("latency").EnumerateArray().First(l => l.GetProperty("site").GetString() == "HR");
        Assert.Equal("low", hr.GetProperty("site_confidence").GetString());
        Assert.Contains(hr.GetProperty("site_evidence").EnumerateArray(), e => e.GetString()!.Contains("site rule 'my-rule'", StringComparison.Ordinal));
        Assert.DoesNotContain(root.GetProperty("catchment").EnumerateArray(), c => c.GetProperty("site").GetString() == "HR");
        Assert.Contains(root.GetProperty("uncertain_identities").EnumerateArray(), u => u.GetProperty("site").GetString() == "HR" && u.GetProperty("confidence").GetString() == "low");
        // AMS still goes through the built-in Cloudflare convention.
        Assert.Contains(root.GetProperty("catchment").EnumerateArray(), c => c.GetProperty("site").GetString() == "AMS" && c.GetProperty("site_confidence").GetString() == "high");
    }

    [Fact]
    public async Task Analyze_Json_HasTheAnycastPromises()
    {
        var run = await CliRun.InProcessAsync("analyze", "--db", await SeedAsync(), "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;

        // vp-par's answers stop after probe 1 and resume at probe 5, from the same site: an outage, not a failover.
        Assert.Empty(root.GetProperty("failovers").EnumerateArray());
        var f = Assert.Single(root.GetProperty("outages").EnumerateArray().ToList());
        Assert.Equal(("cf", "vp-par", "AMS", "AMS"), (f.GetProperty("target").GetString(), f.GetProperty("vantage").GetString(), f.GetProperty("from").GetString(), f.GetProperty("to").GetString()));
        Assert.Equal("2026-11-27T12:00:10.000Z", f.GetProperty("last_ok").GetString());
        Assert.Equal("2026-11-27T12:00:50.000Z", f.GetProperty("first_ok").GetString());
        Assert.Equal(40_000.0, f.GetProperty("gap_ms").GetDouble());
        Assert.Equal(3, f.GetProperty("lost").GetInt32());

        // Two sites answer the one address: anycast. No vantage point has a country: no regions.
        var steering = Assert.Single(root.GetProperty("steering").EnumerateArray().ToList());
        Assert.Equal(("cf", "anycast"), (steering.GetProperty("target").GetString(), steering.GetProperty("kind").GetString()));
        Assert.Empty(root.GetProperty("consistency").EnumerateArray());
        Assert.Empty(root.GetProperty("consistency_spread").EnumerateArray());
        Assert.Empty(root.GetProperty("inflation").EnumerateArray());
        var promise = Assert.Single(root.GetProperty("promises").EnumerateArray().ToList());
        Assert.Equal(("Cloudflare", 0, 1), (promise.GetProperty("provider").GetString(), promise.GetProperty("failovers").GetInt32(), promise.GetProperty("outages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, promise.GetProperty("failover_max_ms").ValueKind);
    }

    [Fact]
    public async Task Analyze_Window_IsHalfOpen()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--from", "2026-11-27T12:00:00Z", "--to", "2026-11-27T12:00:50Z", "--json");

        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(15, root.GetProperty("measurements").GetInt32());
        Assert.Equal("2026-11-27T12:00:50.000Z", root.GetProperty("window").GetProperty("to").GetString());
        Assert.Empty(root.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Analyze_Baseline_DiffsCatchmentBetweenWindows()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync(
            "analyze", "--db", db, "--from", "2026-11-27T12:01:00Z", "--to", "2026-11-27T12:02:00Z",
            "--baseline-from", "2026-11-27T12:00:00Z", "--baseline-to", "2026-11-27T12:00:50Z", "--json");

        Assert.Equal(0, run.ExitCode);
        var diff = JsonDocument.Parse(run.Output).RootElement.GetProperty("catchment_diff");
        var moved = diff.GetProperty("moved").EnumerateArray().ToList();
        Assert.Equal(["vp-fra", "vp-par"], moved.Select(m => m.GetProperty("vantage").GetString()));
        Assert.All(moved, m => Assert.Equal(("AMS", "LHR"), (m.GetProperty("before").GetString(), m.GetProperty("after").GetString())));
        Assert.Equal(1, diff.GetProperty("unchanged").GetInt32());
        var lhr = diff.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").GetString() == "LHR");
        Assert.Equal(0.0, lhr.GetProperty("share_before").GetDouble());
        Assert.Equal(0.6667, lhr.GetProperty("share_after").GetDouble());
    }

    [Fact]
    public async Task Analyze_BaselineHalfGiven_Exit2() =>
        Assert.Equal(2, (await CliRun.InProcessAsync("analyze", "--db", "x.db", "--baseline-from", "2026-11-27T12:00:00Z")).ExitCode);

    [Fact]
    public async Task Analyze_Text_ShowsTablesAndEvent()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("analyze", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 VPs moved AMS -> LHR at 2026-11-27T12:00:55.000Z, median RTT +12.000 ms", run.Output, StringComparison.Ordinal);
        Assert.Contains("Catchment", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_EmptyWindow_Exit1()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--from", "2030-01-01T00:00:00Z");

        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("no database at", "analyze", "--db", "/nonexistent/x.db")]
    [InlineData("not after --from", "analyze", "--db", "x.db", "--from", "2026-11-27T12:00:00Z", "--to", "2026-11-27T11:00:00Z")]
    [InlineData("not both", "analyze", "--db", "x.db", "--last", "1h", "--to", "2026-11-27T11:00:00Z")]
    [InlineData("is not a time", "analyze", "--db", "x.db", "--from", "yesterday")]
    [InlineData("--last", "analyze", "--db", "x.db", "--last", "soon")]
    public async Task Analyze_BadInput_OneLineAndExit2(string expected, params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
