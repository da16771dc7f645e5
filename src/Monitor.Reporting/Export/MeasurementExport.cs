using System.Buffers;
using System.Text;
using System.Text.Json;

using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Storage;

namespace Monitor.Reporting.Export;

/// <summary>
/// The per-row exports of a report: <c>measurements.csv</c> (<see cref="CsvExport"/>'s columns) and
/// <c>measurements.jsonl</c> (one JSON object per line, the fields the README lists), written in one
/// pass over a stream of measurements through buffered writers; nothing is flushed to a file per row.
/// </summary>
public static class MeasurementExport
{
    /// <summary>
    /// Writes each measurement as a CSV row (<paramref name="csvPath"/>) and as a JSON line
    /// (<paramref name="jsonlPath"/>); either may be null.
    /// </summary>
    /// <param name="measurements">The measurements, in the order they are written.</param>
    /// <param name="csvPath">The CSV file, or null.</param>
    /// <param name="jsonlPath">The JSON Lines file, or null.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <param name="origins">The RIPE Atlas origin of imported measurements by id (<c>msm_id</c>, <c>prb_id</c>, <c>probe_address</c>), or null.</param>
    public static async Task WriteAsync(IAsyncEnumerable<Measurement> measurements, string? csvPath, string? jsonlPath, CancellationToken cancellationToken, IReadOnlyDictionary<Guid, MeasurementOrigin>? origins = null)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        const int bufferBytes = 1 << 16;
        await using var csvStream = csvPath is null ? null : new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferBytes);
        await using var csv = csvStream is null ? null : new StreamWriter(csvStream, new UTF8Encoding(false), bufferBytes);
        await using var jsonl = jsonlPath is null ? null : new FileStream(jsonlPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferBytes);
        var line = new StringBuilder();

        // JSON lines are written into memory (committing a line there is no I/O) and go to the file 64 KiB at a time.
        var lines = new ArrayBufferWriter<byte>(bufferBytes * 2);
        await using var json = jsonl is null ? null : new Utf8JsonWriter(lines, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        csv?.Write(CsvExport.MeasurementsHeader + "\n");
        await foreach (var m in measurements.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var origin = origins is not null && origins.TryGetValue(m.Id, out var o) ? o : null;
            if (csv is not null)
            {
                csv.Write(CsvExport.WriteMeasurement(m, line.Clear(), DnsRcodes.Name, origin));
            }

            if (json is not null)
            {
                // One writer for every line: each object is committed to the buffer, then a newline.
                WriteJsonLine(json, m, origin);
                json.Flush();
                json.Reset();
                lines.Write("\n"u8);
                if (lines.WrittenCount >= bufferBytes)
                {
                    await jsonl!.WriteAsync(lines.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    lines.ResetWrittenCount();
                }
            }
        }

        if (jsonl is not null && lines.WrittenCount > 0)
        {
            await jsonl.WriteAsync(lines.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteJsonLine(Utf8JsonWriter json, Measurement m, MeasurementOrigin? origin)
    {
        json.WriteStartObject();
        json.WriteString("id", m.Id);
        json.WriteString("round_id", m.RoundId?.ToString());
        json.WriteString("vantage", m.VantageId);
        json.WriteString("target", m.TargetId);
        json.WriteString("time", OutputWords.Utc(m.Started));
        json.WriteString("outcome", OutputWords.Outcome(m.Outcome));
        if (m.Rtt is { } rtt)
        {
            json.WriteNumber("rtt_ms", Math.Round(rtt.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull("rtt_ms");
        }

        json.WriteString("rcode", m.Rcode is { } rcode ? DnsRcodes.Name(rcode) : null);
        json.WriteString("id_server", m.Identity.IdServer?.Text);
        json.WriteString("hostname_bind", m.Identity.HostnameBind?.Text);
        json.WriteString("nsid", m.Identity.Nsid?.Text);
        json.WriteString("error", m.Error);
        json.WriteString("transport", m.Transport?.ToString().ToLowerInvariant());
        json.WriteString("address", m.Address?.ToString());
        json.WriteString("connection", m.Connection?.ToString().ToLowerInvariant());
        WriteMs(json, "connect_ms", m.ConnectTime);
        WriteMs(json, "tls_ms", m.TlsTime);
        WriteNumber(json, "reconnects", m.Reconnects);
        WriteBool(json, "ad", m.AuthenticData);
        WriteBool(json, "rrsig", m.RrsigSeen);
        WriteNumber(json, "soa_serial", m.SoaSerial);
        WriteNumber(json, "msm_id", origin?.AtlasMeasurementId);
        WriteNumber(json, "prb_id", origin?.AtlasProbeId);
        json.WriteString("probe_address", origin?.ProbeAddress);
        json.WriteEndObject();
    }

    private static void WriteMs(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteBool(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
