using System.Text.Json;

using Microsoft.Data.Sqlite;

using Monitor.Cli.Commands;
using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Reporting;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor report</c> on a database seeded with the sample network.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-report-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SeedAsync()
    {
        var db = Path.Combine(_directory, "sample.db");
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        await store.UpsertTargetsAsync(SampleNetwork.Targets, SampleNetwork.Start, Ct);
        foreach (var vp in SampleNetwork.Vantages)
        {
            await store.UpsertVantagePointAsync(vp, SampleNetwork.Start, Ct);
        }

        foreach (var (round, measurements) in SampleNetwork.Build())
        {
            await store.WriteRoundAsync(round, measurements, Ct);
        }

        return db;
    }

    [Fact]
    public async Task Report_AllFormatsWithMeasurements_WritesEveryFileAndListsThemAsJson()
    {
        var db = await SeedAsync();
        var output = Path.Combine(_directory, "out");

        var run = await CliRun.InProcessAsync("report", "--db", db, "--out", output, "--format", "pdf,png,csv,json,html,measurements", "--json");

        Assert.Equal(0, run.ExitCode);
        var files = JsonDocument.Parse(run.Output).RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString()!)).ToList();
        foreach (var name in new[] { "report.pdf", "report.html", "latency-cdf.png", "catchment-map-1.png", "small-multiples-1.png", "measurements.csv", "latency.csv", "analysis.json", "measurements.jsonl" })
        {
            Assert.Contains(name, files);
            Assert.True(new FileInfo(Path.Combine(output, name)).Length > 0, name);
        }

        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "measurements.csv"), Ct);
        Assert.Equal((SampleNetwork.Rounds * 8 * 4) + 1, csv.Length);
        var analysis = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "analysis.json"), Ct)).RootElement;
        Assert.Equal(SampleNetwork.Rounds * 8 * 4, analysis.GetProperty("measurements").GetInt32());
        Assert.Single(analysis.GetProperty("events").EnumerateArray());
        var jsonl = await File.ReadAllLinesAsync(Path.Combine(output, "measurements.jsonl"), Ct);
        Assert.Equal(SampleNetwork.Rounds * 8 * 4, jsonl.Length);
        Assert.Equal("vp-ams", JsonDocument.Parse(jsonl[0]).RootElement.GetProperty("vantage").GetString());
    }

    [Fact]
    public async Task Report_Text_ALinePerFile()
    {
        var db = await SeedAsync();
        var output = Path.Combine(_directory, "out");

        var run = await CliRun.InProcessAsync("report", "--db", db, "--out", output, "--format", "csv", "--last", "1000d");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.OutputLines.Length);
        Assert.All(run.OutputLines, l => Assert.StartsWith("wrote ", l, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(output, "report.pdf")));
        Assert.False(File.Exists(Path.Combine(output, "measurements.csv")));
    }

    [Theory]
    [InlineData(null, new[] { "analysis.json", "catchment.csv", "changes.csv", "latency.csv", "report.pdf" }, new[] { "measurements.csv", "measurements.jsonl" })]
    [InlineData("measurements", new[] { "measurements.csv", "measurements.jsonl" }, new[] { "analysis.json", "latency.csv", "report.pdf" })]
    [InlineData("json,measurements", new[] { "analysis.json", "measurements.jsonl" }, new[] { "measurements.csv", "latency.csv" })]
    public async Task Report_Formats_WriteThePerRowExportsOnlyWhenAsked(string? format, string[] written, string[] absent)
    {
        var db = await SeedAsync();
        var output = Path.Combine(_directory, "out");

        var run = await CliRun.InProcessAsync(["report", "--db", db, "--out", output, .. format is null ? Array.Empty<string>() : ["--format", format]]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(written, name => Assert.True(File.Exists(Path.Combine(output, name)), name));
        Assert.All(absent, name => Assert.False(File.Exists(Path.Combine(output, name)), name));
    }

    [Fact]
    public async Task Report_Method_ALinePerTargetFromTheTargetsTable()
    {
        var db = await SeedAsync();
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        await store.UpsertTargetsAsync([SampleNetwork.Targets[0] with { Transport = Core.Domain.Transport.Tcp, RecursionDesired = true, Identity = Core.Domain.IdentityMethods.HostnameBind }], SampleNetwork.Start, Ct);
        var analysis = await StoredAnalysis.RunAsync(store, AnalysisWindow.All, targetId: null, SiteResolver.DefaultRules, Ct);

        var lines = ReportWriter.TargetMethod(analysis).ToList();

        Assert.Equal(1 + 4, lines.Count);
        Assert.Contains("• cloudflare: id.server CH TXT over TCP to 1.1.1.1:53, RD 1, identity hostname.bind", lines);
        Assert.Contains("• k-root: id.server CH TXT over UDP to 193.0.14.129:53, RD 0, identity nsid,id.server", lines);
    }

    [Fact]
    public async Task Report_EmptyWindow_Exit1()
    {
        var db = await SeedAsync();

        var run = await CliRun.InProcessAsync("report", "--db", db, "--out", Path.Combine(_directory, "out"), "--from", "2030-01-01T00:00:00Z");

        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("no database at", "report", "--db", "/nonexistent/x.db", "--out", "o")]
    [InlineData("is not one of", "report", "--db", "x.db", "--out", "o", "--format", "pdf,docx")]
    [InlineData("not both", "report", "--db", "x.db", "--out", "o", "--last", "1h", "--from", "2026-11-27T11:00:00Z")]
    [InlineData("not after --from", "report", "--db", "x.db", "--out", "o", "--from", "2026-11-27T12:00:00Z", "--to", "2026-11-27T11:00:00Z")]
    public async Task Report_BadInput_OneLineAndExit2(string expected, params string[] args)
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
