using System.IO.Compression;
using System.Text.Json;

using Monitor.Core.Domain;
using Monitor.Storage;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// <c>monitor import atlas</c> on the real Atlas files (tests/Monitor.Probing.Tests/Atlas/data, see
/// its README), each count checked against System.Text.Json's own reading of the file.
/// </summary>
public sealed class ImportAtlasCommandTests : IDisposable
{
    private const string Cloudflare = "msm1768147-cloudflare-idserver-2015-03-21.json";
    private const string Google = "google-8.8.8.8-hostnamebind-2017.json.gz";
    private const string Probes = "probes-2018-12-11.json.gz";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("monitor-import-atlas-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string> SharedFiles =>
    [
        Cloudflare, "quad9-29083406.json", "quad9-29096558.json", "quad9-24980149.json", "quad9-24980204.json", Google, "opendns-idserver-2017.json.gz",
    ];

    private static string Data(string name) => RepositoryFiles.Path("tests", "Monitor.Probing.Tests", "Atlas", "data", name);

    private static JsonElement[] Dom(string name)
    {
        using var file = File.OpenRead(Data(name));
        using Stream json = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private string Db => Path.Combine(_dir.FullName, "atlas.db");

    private static async Task<JsonElement> JsonOf(CliRun run)
    {
        await Task.CompletedTask;
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }

    private async Task<long> StoredCountAsync()
    {
        var stats = await CliRun.InProcessAsync("db", "stats", "--db", Db, "--json");
        return (await JsonOf(stats)).GetProperty("measurements").GetInt64();
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public async Task Import_SharedFile_AsManyMeasurementsAsResultsAndAgainAddsNothing(string file)
    {
        var results = Dom(file).Length;

        var first = await CliRun.InProcessAsync("import", "atlas", Data(file), "--db", Db, "--json");
        var again = await CliRun.InProcessAsync("import", "atlas", Data(file), "--db", Db, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(results, (await JsonOf(first)).GetProperty("stored").GetInt64());
        Assert.Equal(results, (await JsonOf(first)).GetProperty("measurements").GetInt64());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, (await JsonOf(again)).GetProperty("stored").GetInt64());
        Assert.Equal(results, await StoredCountAsync());
    }

    [Fact]
    public async Task Import_Cloudflare_IdentitiesAndOriginsAsAtlasWroteThem()
    {
        var dom = Dom(Cloudflare);
        var run = await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db);
        Assert.Equal(0, run.ExitCode);

        await using var store = await StoreOpener.OpenAsync(Db, mustExist: true, TimeProvider.System, TestContext.Current.CancellationToken);
        var stored = new List<Measurement>();
        await foreach (var m in store.ReadMeasurementsAsync(new MeasurementQuery(), TestContext.Current.CancellationToken))
        {
            stored.Add(m);
        }

        var origins = await store.ReadOriginsAsync(TestContext.Current.CancellationToken);
        var byKey = stored.ToDictionary(m => (m.VantageId, m.Started.ToUnixTimeSeconds()));
        foreach (var r in dom)
        {
            var m = byKey[("atlas-" + r.GetProperty("prb_id").GetInt64(), r.GetProperty("timestamp").GetInt64())];
            Assert.Equal(r.GetProperty("result").GetProperty("answers")[0].GetProperty("RDATA").GetString(), m.Identity.IdServer?.Text);
            var origin = origins[m.Id];
            Assert.Equal(r.GetProperty("msm_id").GetInt64(), origin.AtlasMeasurementId);
            Assert.Equal(r.GetProperty("prb_id").GetInt64(), origin.AtlasProbeId);
            Assert.Equal(r.GetProperty("from").GetString(), origin.ProbeAddress);
        }

        Assert.Equal(dom.Length, origins.Count);
    }

    [Fact]
    public async Task Analyze_ImportedCloudflareWithProbes_SitesCountriesAndCatchmentShares()
    {
        var import = await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--probes", Data(Probes), "--provider", "Cloudflare", "--target", "cloudflare");
        Assert.Equal(0, import.ExitCode);

        var run = await CliRun.InProcessAsync("analyze", "--db", Db, "--json", "--group-by", "country");
        var text = await CliRun.InProcessAsync("analyze", "--db", Db, "--group-by", "country");

        Assert.Equal(0, run.ExitCode);
        var json = await JsonOf(run);
        var sites = json.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("site").GetString()).ToList();
        Assert.Contains("JNB", sites);
        Assert.Contains("LHR", sites);
        Assert.Equal(1.0, json.GetProperty("sites").EnumerateArray().Sum(s => s.GetProperty("share").GetDouble()), 2);
        Assert.Equal("country", json.GetProperty("group_by").GetString());
        var countries = json.GetProperty("grouped_catchment").EnumerateArray().Select(c => c.GetProperty("group").GetString()).Distinct().ToList();
        Assert.Contains("ZA", countries);
        Assert.Contains("KE", countries);
        Assert.All(json.GetProperty("grouped_catchment").EnumerateArray().GroupBy(c => c.GetProperty("group").GetString()), g => Assert.Equal(1.0, g.Sum(c => c.GetProperty("share").GetDouble()), 2));
        Assert.Contains("Catchment per country", text.Output, StringComparison.Ordinal);
        Assert.Contains("Latency per target and country", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ImportedCloudflare_Rendered()
    {
        await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--probes", Data(Probes));
        var outDir = Path.Combine(_dir.FullName, "report");

        var run = await CliRun.InProcessAsync("report", "--db", Db, "--out", outDir, "--format", "pdf,json", "--group-by", "continent");

        Assert.Equal(0, run.ExitCode);
        Assert.True(new FileInfo(Path.Combine(outDir, "report.pdf")).Length > 10_000);
        using var analysis = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "analysis.json")));
        Assert.Contains(analysis.RootElement.GetProperty("grouped_latency").EnumerateArray(), l => l.GetProperty("group").GetString() == "AF");
    }

    [Fact]
    public async Task Report_ImportedCloudflare_ExportsCarryTheAtlasOrigin()
    {
        var dom = Dom(Cloudflare);
        await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db);
        var outDir = Path.Combine(_dir.FullName, "exports");

        var run = await CliRun.InProcessAsync("report", "--db", Db, "--out", outDir, "--format", "csv,json,measurements");

        Assert.Equal(0, run.ExitCode);
        var expected = dom.Select(r => (r.GetProperty("prb_id").GetInt64(), r.GetProperty("timestamp").GetInt64(), r.GetProperty("msm_id").GetInt64(), r.GetProperty("from").GetString())).ToHashSet();
        var lines = File.ReadAllLines(Path.Combine(outDir, "measurements.jsonl"));
        Assert.Equal(dom.Length, lines.Length);
        var seen = lines.Select(l =>
        {
            using var j = JsonDocument.Parse(l);
            var r = j.RootElement;
            var prb = r.GetProperty("prb_id").GetInt64();
            Assert.Equal("atlas-" + prb, r.GetProperty("vantage").GetString());
            return (prb, DateTimeOffset.Parse(r.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), r.GetProperty("msm_id").GetInt64(), r.GetProperty("probe_address").GetString());
        }).ToHashSet();
        Assert.Equal(expected, seen);
        var csv = File.ReadAllLines(Path.Combine(outDir, "measurements.csv"));
        var header = csv[0].Split(',');
        var msm = Array.IndexOf(header, "msm_id");
        var prbColumn = Array.IndexOf(header, "prb_id");
        Assert.True(msm > 0 && prbColumn > 0);
        Assert.All(csv.Skip(1), row => Assert.Equal(dom[0].GetProperty("msm_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), row.Split(',')[msm]));
        Assert.Equal(dom.Select(r => r.GetProperty("prb_id").GetInt64()).ToHashSet(), csv.Skip(1).Select(row => long.Parse(row.Split(',')[prbColumn], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());
    }

    [Fact]
    public async Task Analyze_Imported8888_EveryAnswerUnlikeGooglesFlaggedAsPossiblyIntercepted()
    {
        // Independently: the rcode in the header of each abuf (all 8.8.8.8 answers here are plain DNS, no OPT rcode bits).
        var odd = Dom(Google)
            .Where(r => r.TryGetProperty("result", out var x) && x.TryGetProperty("abuf", out _))
            .Where(r => (Convert.FromBase64String(r.GetProperty("result").GetProperty("abuf").GetString()!)[3] & 0xF) != DnsRcodes.ServFail)
            .Select(r => "atlas-" + r.GetProperty("prb_id").GetInt64())
            .Order(StringComparer.Ordinal)
            .ToList();
        await CliRun.InProcessAsync("import", "atlas", Data(Google), "--db", Db, "--probes", Data(Probes), "--target", "google-v4", "--provider", "Google");

        var run = await CliRun.InProcessAsync("analyze", "--db", Db, "--json");

        var flagged = (await JsonOf(run)).GetProperty("interception").EnumerateArray().ToList();
        Assert.Equal(odd, flagged.Select(f => f.GetProperty("vantage").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(flagged, f => f.GetProperty("reason").EnumerateArray().Any(x => x.GetString() == "foreign_identity") && f.GetProperty("identity").GetString() is { Length: > 0 });
        Assert.All(flagged, f => Assert.Equal("SERVFAIL", f.GetProperty("others_rcode").GetString()));
    }

    [Fact]
    public async Task Import_NotAtlasFile_Exit2NothingStoredAndTheGoodFileStill()
    {
        var csv = Path.Combine(_dir.FullName, "results.csv");
        await File.WriteAllTextAsync(csv, "prb_id,msm_id,rt\n1,2,3\n", TestContext.Current.CancellationToken);

        var run = await CliRun.InProcessAsync("import", "atlas", csv, Data("quad9-29083406.json"), "--db", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"monitor import atlas: {csv}: not RIPE Atlas DNS results: it is not JSON", StringComparison.Ordinal));
        Assert.Equal(96, await StoredCountAsync());
    }

    [Theory]
    [InlineData("probes-2018-12-11.json.gz", "probe archive")]
    [InlineData("ping", "'ping'")]
    public async Task Import_OnlyANotAtlasFile_Exit2AndTheDatabaseEmpty(string file, string word)
    {
        var path = file == "ping" ? Path.Combine(_dir.FullName, "ping.json") : Data(file);
        if (file == "ping")
        {
            await File.WriteAllTextAsync(path, "[{\"type\":\"ping\",\"msm_id\":1,\"prb_id\":2,\"timestamp\":1700000000,\"result\":[{\"rtt\":1.5}]}]", TestContext.Current.CancellationToken);
        }

        var run = await CliRun.InProcessAsync("import", "atlas", path, "--db", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(word, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task Import_DamagedFile_Exit0WithAWarningLineAndTheGoodResultsStored()
    {
        var whole = await File.ReadAllBytesAsync(Data(Google), TestContext.Current.CancellationToken);
        var cut = Path.Combine(_dir.FullName, "cut.json.gz");
        await File.WriteAllBytesAsync(cut, whole[..(whole.Length / 2)], TestContext.Current.CancellationToken);

        var run = await CliRun.InProcessAsync("import", "atlas", cut, "--db", Db, "--json");

        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"warning: {cut}: damaged parts: truncated_gzip 1", warning, StringComparison.Ordinal);
        var stored = (await JsonOf(run)).GetProperty("stored").GetInt64();
        Assert.InRange(stored, 1000, 8535);
        Assert.Equal(stored, await StoredCountAsync());
    }

    [Theory]
    [InlineData("--kind", "sideways")]
    [InlineData("--target", " ")]
    [InlineData("--probes", "/nonexistent/probes.json")]
    public async Task Import_BadOption_Exit2OneLine(string option, string value)
    {
        var run = await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("monitor import atlas: ", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFileOrResultsAsProbes_Exit2()
    {
        var missing = await CliRun.InProcessAsync("import", "atlas", Path.Combine(_dir.FullName, "nope.json"), "--db", Db);
        var wrongProbes = await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--probes", Data(Cloudflare));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrongProbes.ExitCode);
        Assert.Contains("not the RIPE Atlas probe archive", wrongProbes.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutProbesAfterWithThem_LocationsKeptAndNewerArchiveUpdates()
    {
        await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--probes", Data(Probes));
        var without = await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--json");
        var newer = Path.Combine(_dir.FullName, "newer.json");
        await File.WriteAllTextAsync(newer, "[{\"id\":11333,\"latitude\":10.5,\"longitude\":20.25,\"country_code\":\"XK\",\"asn_v4\":64500,\"asn_v6\":null,\"is_anchor\":true}]", TestContext.Current.CancellationToken);
        await CliRun.InProcessAsync("import", "atlas", Data(Cloudflare), "--db", Db, "--probes", newer);

        await using var store = await StoreOpener.OpenAsync(Db, mustExist: true, TimeProvider.System, TestContext.Current.CancellationToken);
        var vantages = (await store.ReadVantagePointsAsync(TestContext.Current.CancellationToken)).ToDictionary(v => v.Id);
        var unlocated = (await JsonOf(without)).GetProperty("without_location").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain("atlas-10855", unlocated);
        Assert.Equal(new VantagePoint("atlas-10855") { Latitude = 0.3195, Longitude = 32.5995, Country = "UG", Asn = 36997, IsAnchor = false }, vantages["atlas-10855"] with { ClockOffset = null });
        var updated = vantages["atlas-11333"];
        Assert.Equal(10.5, updated.Latitude);
        Assert.Equal("XK", updated.Country);
        Assert.Equal(64500, updated.Asn);
        Assert.True(updated.IsAnchor);
    }
}
