using System.Globalization;
using System.Text;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Reporting.Text;
using Monitor.Storage;

namespace Monitor.Reporting.Export;

/// <summary>
/// CSV exports (RFC 4180, UTF-8, LF): raw measurements and the analysis tables. Times are UTC ISO 8601,
/// RTTs ms. Every text field goes through <see cref="SafeText.CsvField"/> (escaped, formula-defused).
/// </summary>
public static class CsvExport
{
    /// <summary>The measurements CSV header.</summary>
    public const string MeasurementsHeader =
        "id,round_id,vantage,target,time,outcome,rtt_ms,rcode,id_server,hostname_bind,nsid,error,transport,address,connection,connect_ms,tls_ms,reconnects,ad,rrsig,soa_serial,msm_id,prb_id,probe_address";

    /// <summary>Streams measurements as CSV; returns the number of rows.</summary>
    /// <param name="measurements">The measurements.</param>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="rcodeName">Rcode to its name (e.g. <c>NOERROR</c>).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<long> WriteMeasurementsAsync(IAsyncEnumerable<Measurement> measurements, TextWriter output, Func<int, string> rcodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rcodeName);
        await output.WriteAsync(MeasurementsHeader + "\n").ConfigureAwait(false);
        long rows = 0;
        var line = new StringBuilder();
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteMeasurement(m, line.Clear(), rcodeName);
            output.Write(line);
            rows++;
        }

        return rows;
    }

    /// <summary>Appends one measurement's CSV row (after <see cref="MeasurementsHeader"/>), newline included.</summary>
    /// <param name="m">The measurement.</param>
    /// <param name="line">Where the row goes.</param>
    /// <param name="rcodeName">Rcode to its name (e.g. <c>NOERROR</c>).</param>
    /// <param name="origin">Where an imported measurement comes from in RIPE Atlas, or null.</param>
    public static StringBuilder WriteMeasurement(Measurement m, StringBuilder line, Func<int, string> rcodeName, MeasurementOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(rcodeName);
        return line
            .Append(CultureInfo.InvariantCulture, $"{m.Id},{m.RoundId},{SafeText.CsvField(m.VantageId)},{SafeText.CsvField(m.TargetId)},{OutputWords.Utc(m.Started)},{OutputWords.Outcome(m.Outcome)},")
            .Append(m.Rtt is { } rtt ? rtt.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty).Append(',')
            .Append(m.Rcode is { } rcode ? SafeText.CsvField(rcodeName(rcode)) : string.Empty).Append(',')
            .Append(CultureInfo.InvariantCulture, $"{SafeText.CsvField(m.Identity.IdServer?.Text)},{SafeText.CsvField(m.Identity.HostnameBind?.Text)},{SafeText.CsvField(m.Identity.Nsid?.Text)},{SafeText.CsvField(m.Error)},")
            .Append(CultureInfo.InvariantCulture, $"{m.Transport?.ToString().ToLowerInvariant()},{m.Address},{m.Connection?.ToString().ToLowerInvariant()},{Ms3(m.ConnectTime)},{Ms3(m.TlsTime)},{m.Reconnects},")
            .Append(CultureInfo.InvariantCulture, $"{Flag(m.AuthenticData)},{Flag(m.RrsigSeen)},{m.SoaSerial},")
            .Append(CultureInfo.InvariantCulture, $"{origin?.AtlasMeasurementId},{origin?.AtlasProbeId},{SafeText.CsvField(origin?.ProbeAddress)}\n");
    }

    private static string Ms3(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;

    private static string Flag(bool? b) => b switch { true => "1", false => "0", null => string.Empty };

    /// <summary>Latency per target, vantage point and site (null parts: "all"), one row each.</summary>
    public static string Latency(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("target,provider,vantage,site,sent,answered,loss_pct,min_ms,p50_ms,p90_ms,p95_ms,p99_ms,max_ms\n");
        foreach (var l in report.TargetLatency.Concat(report.Latency))
        {
            var s = l.Latency;
            csv.Append(CultureInfo.InvariantCulture, $"{SafeText.CsvField(l.TargetId)},{SafeText.CsvField(l.Provider)},{SafeText.CsvField(l.VantageId)},{SafeText.CsvField(l.Site)},{s.Sent},{s.Answered},{s.LossPercent:0.###},")
                .Append(CultureInfo.InvariantCulture, $"{Ms(s.MinMs)},{Ms(s.P50Ms)},{Ms(s.P90Ms)},{Ms(s.P95Ms)},{Ms(s.P99Ms)},{Ms(s.MaxMs)}\n");
        }

        return csv.ToString();
    }

    /// <summary>Answers per target, vantage point and site, with the dominant site marked.</summary>
    public static string Catchment(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("target,vantage,site,identity,answers,share,dominant\n");
        foreach (var c in report.Catchment)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{SafeText.CsvField(c.TargetId)},{SafeText.CsvField(c.VantageId)},{SafeText.CsvField(c.Site)},{SafeText.CsvField(c.Identity)},{c.Answers},{c.Share:0.####},{(c.Dominant ? "true" : "false")}\n");
        }

        return csv.ToString();
    }

    /// <summary>Route changes (shifts, flapping, outages, transients).</summary>
    public static string Changes(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("target,vantage,kind,at,from,to,rtt_before_ms,rtt_after_ms,samples\n");
        foreach (var c in report.Changes)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{SafeText.CsvField(c.TargetId)},{SafeText.CsvField(c.VantageId)},{OutputWords.Kind(c.Kind)},{OutputWords.Utc(c.At)},{SafeText.CsvField(c.From)},{SafeText.CsvField(c.To)},{Ms(c.RttBeforeMs)},{Ms(c.RttAfterMs)},{c.Samples}\n");
        }

        return csv.ToString();
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;
}
