using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Reporting.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-writer-").FullName;

    [Theory]
    [InlineData(null, ReportFormats.All)]
    [InlineData("pdf", ReportFormats.Pdf)]
    [InlineData("CSV, json", ReportFormats.Csv | ReportFormats.Json)]
    [InlineData("png,png", ReportFormats.Png)]
    [InlineData("html", ReportFormats.Html)]
    [InlineData("csv,Measurements", ReportFormats.Csv | ReportFormats.Measurements)]
    public void TryParseFormats_ValidList_GivesTheKinds(string? text, ReportFormats expected)
    {
        Assert.True(ReportWriter.TryParseFormats(text, out var formats, out _));
        Assert.Equal(expected, formats);
    }

    [Theory]
    [InlineData("pdf,svg", "'svg' is not one of pdf, png, csv, json, html, measurements")]
    [InlineData("", "'' is not one of pdf, png, csv, json, html, measurements")]
    public void TryParseFormats_UnknownWord_NamesIt(string text, string error)
    {
        Assert.False(ReportWriter.TryParseFormats(text, out _, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public async Task WriteRunSummaryAsync_SeveralSeries_OneRowEachInOrdinalOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(Path.Combine(_directory, "m.db")), TimeProvider.System, ct);
        var t = Some.Instant;
        var (round, measurements) = Some.Round(
            "vp-b",
            t,
            Some.Measurement("vp-b", "t-2", t, rttMs: 5),
            Some.Measurement("vp-b", "t-1", t.AddSeconds(1), rttMs: 7),
            Some.Measurement("vp-a", "t-1", t.AddSeconds(2), idServer: "fra1", rttMs: 9),
            Some.Measurement("vp-a", "t-1", t.AddSeconds(3), outcome: Core.Domain.ProbeOutcome.Timeout));
        await store.WriteRoundAsync(round, measurements, ct);

        var files = await new ReportWriter(store).WriteRunSummaryAsync("test store", Path.Combine(_directory, "out"), ct);

        var text = await File.ReadAllLinesAsync(files[0], ct);
        Assert.Equal("Monitor report, test store, 4 measurement(s)", text[0]);
        var rows = text.Skip(4).Where(l => l.Length > 0).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))).ToArray();
        Assert.Equal(["vp-a t-1 2", "vp-b t-1 1", "vp-b t-2 1"], rows);
        Assert.Contains("\"vantage\": \"vp-a\"", await File.ReadAllTextAsync(files[1], ct), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
