using Monitor.Core.Domain;
using Monitor.Reporting.Export;
using Monitor.Testing;

namespace Monitor.Reporting.Tests.Export;

public sealed class CsvExportTests
{
    [Fact]
    public async Task WriteMeasurements_Sample_RoundTrips()
    {
        var measurements = SampleNetwork.Build().SelectMany(r => r.Measurements).ToList();
        using var writer = new StringWriter();

        var rows = await CsvExport.WriteMeasurementsAsync(measurements.ToAsyncEnumerable(), writer, _ => "NOERROR", TestContext.Current.CancellationToken);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(measurements.Count, rows);
        Assert.Equal(measurements.Count + 1, lines.Length);
        Assert.Equal(CsvExport.MeasurementsHeader, lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(measurements[0].Id.ToString(), first[0]);
        Assert.Equal("vp-ams", first[2]);
        Assert.Equal(measurements[0].Identity.IdServer!.Text, first[8]);
    }

    [Fact]
    public async Task WriteMeasurements_HostileIdentity_DefusedAndEscaped()
    {
        var hostile = "=cmd|' /C calc'!A0";
        var m = Some.Measurement(idServer: hostile) with { Error = "-x\u202Ey" };
        using var writer = new StringWriter();

        await CsvExport.WriteMeasurementsAsync(new[] { m }.ToAsyncEnumerable(), writer, _ => "NOERROR", TestContext.Current.CancellationToken);

        var text = writer.ToString();
        Assert.Contains("'=cmd|' /C calc'!A0", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
        Assert.Contains("'-x\\u{202E}y", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalysisCsv_Sample_HasRows()
    {
        var content = await SampleReport.BuildAsync();

        var latency = CsvExport.Latency(content.Analysis).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var catchment = CsvExport.Catchment(content.Analysis).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1 + content.Analysis.TargetLatency.Count + content.Analysis.Latency.Count, latency.Length);
        Assert.Equal(1 + content.Analysis.Catchment.Count, catchment.Length);
        Assert.Contains(catchment, l => l.StartsWith("k-root,vp-ams,LHR,", StringComparison.Ordinal));
    }
}
