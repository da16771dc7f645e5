using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Reads the RIPE Atlas probe archive — <c>{"meta": …, "objects": [...]}</c> as
/// <c>https://ftp.ripe.net/ripe/atlas/probes/archive/</c> publishes it, or a plain array of probe
/// objects — plain or gzip-compressed (decided from the content), streaming one probe at a time. Of
/// each probe it keeps the id, position (<c>latitude</c>/<c>longitude</c>, or the probes API's
/// <c>geometry</c> point), <c>country_code</c>, <c>asn_v4</c>, <c>asn_v6</c> and <c>is_anchor</c>.
/// <para>
/// Error contract as <see cref="AtlasResultReader"/>: input that is not a probe archive throws
/// <see cref="AtlasFormatException"/> before any probe is handed out; a broken probe object is
/// counted and skipped, and a value out of range (a latitude of 200) is dropped and counted.
/// </para>
/// </summary>
public static class AtlasProbeArchiveReader
{
    private const int MaxRecordBytes = 1024 * 1024;
    private const int MaxBrokenBeforeFirst = 1000;

    /// <summary>Reads the archive.</summary>
    /// <param name="stream">The archive as stored; read to its end, not disposed.</param>
    /// <param name="stats">Counters: <see cref="AtlasFileStats.Results"/> counts probe objects, <see cref="AtlasFileStats.Measurements"/> probes handed out.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="AtlasFormatException">The input is not a probe archive.</exception>
    public static async IAsyncEnumerable<AtlasProbe> ReadAsync(Stream stream, AtlasFileStats stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(stats);
        using var records = await AtlasRecordStream.OpenAsync(stream, JsonLayout.Objects, MaxRecordBytes, stats, "a probe archive is {\"objects\": [...]} or an array of probes", cancellationToken).ConfigureAwait(false);
        var accepted = false;
        var batch = new List<AtlasProbe>(256);
        var more = true;
        while (true)
        {
            while (records.Next(out var record))
            {
                var (probe, kind) = Parse(record.Span, stats);
                if (!accepted)
                {
                    // The first readable object decides whether this is a probe archive at all.
                    if (kind == ProbeKindSeen.Result)
                    {
                        throw new AtlasFormatException("it holds Atlas results (prb_id, msm_id), not probe descriptions; give result files as FILE arguments");
                    }

                    if (kind == ProbeKindSeen.Other)
                    {
                        throw new AtlasFormatException("its objects have no probe id and position: not the RIPE Atlas probe archive");
                    }

                    accepted = kind == ProbeKindSeen.Probe;
                }

                if (probe is not null)
                {
                    stats.CountResult();
                    stats.CountMeasurement();
                    batch.Add(probe);
                }
                else if (kind != ProbeKindSeen.Other)
                {
                    records.Lose(AtlasDamage.BrokenRecord);
                }
                else
                {
                    stats.CountResult();
                }

                if (!accepted && records.Lost >= MaxBrokenBeforeFirst)
                {
                    throw new AtlasFormatException($"none of its first {MaxBrokenBeforeFirst} objects is a probe");
                }
            }

            foreach (var p in batch)
            {
                yield return p;
            }

            batch.Clear();
            if (!more)
            {
                break;
            }

            more = await records.FillAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!accepted)
        {
            throw new AtlasFormatException(records.Layout == JsonLayout.Objects ? "it has no \"objects\" array of probes" : "it holds no probes");
        }

        records.Finish();
    }

    private static (AtlasProbe? Probe, ProbeKindSeen Kind) Parse(ReadOnlySpan<byte> json, AtlasFileStats stats)
    {
        long? id = null;
        double? latitude = null;
        double? longitude = null;
        string? country = null;
        long? asnV4 = null;
        long? asnV6 = null;
        bool? anchor = null;
        var located = false;
        var result = false;
        var outOfRange = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, ProbeKindSeen.Broken);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) && v > 0 ? v : null;
                }
                else if (reader.ValueTextEquals("latitude"u8))
                {
                    reader.Read();
                    located = true;
                    latitude = Coordinate(ref reader, 90, ref outOfRange);
                }
                else if (reader.ValueTextEquals("longitude"u8))
                {
                    reader.Read();
                    located = true;
                    longitude = Coordinate(ref reader, 180, ref outOfRange);
                }
                else if (reader.ValueTextEquals("geometry"u8))
                {
                    reader.Read();
                    located = true;
                    if (ReadPoint(ref reader, ref outOfRange) is { } point && latitude is null && longitude is null)
                    {
                        (longitude, latitude) = point;
                    }
                }
                else if (reader.ValueTextEquals("country_code"u8))
                {
                    reader.Read();
                    located = true;
                    country = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 2 && !reader.ValueIsEscaped && IsAsciiLetters(reader.ValueSpan)
                        ? reader.GetString()!.ToUpperInvariant()
                        : null;
                }
                else if (reader.ValueTextEquals("asn_v4"u8))
                {
                    reader.Read();
                    asnV4 = Asn(ref reader, ref outOfRange);
                }
                else if (reader.ValueTextEquals("asn_v6"u8))
                {
                    reader.Read();
                    asnV6 = Asn(ref reader, ref outOfRange);
                }
                else if (reader.ValueTextEquals("is_anchor"u8))
                {
                    reader.Read();
                    anchor = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => null,
                    };
                }
                else
                {
                    result |= reader.ValueTextEquals("prb_id"u8) || reader.ValueTextEquals("msm_id"u8);
                    reader.Read();
                    reader.Skip();
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                return (null, ProbeKindSeen.Broken);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string value that is not valid UTF-8.
            return (null, ProbeKindSeen.Broken);
        }

        if (result)
        {
            return (null, ProbeKindSeen.Result);
        }

        if (id is null)
        {
            return (null, located ? ProbeKindSeen.Broken : ProbeKindSeen.Other);
        }

        if (!located && asnV4 is null && asnV6 is null)
        {
            return (null, ProbeKindSeen.Other);
        }

        if (outOfRange)
        {
            stats.Count(AtlasDamage.OutOfRange);
        }

        // A position needs both halves.
        if (latitude is null || longitude is null)
        {
            latitude = longitude = null;
        }

        return (new AtlasProbe(id.Value, latitude, longitude, country, asnV4, asnV6, anchor), ProbeKindSeen.Probe);
    }

    private static double? Coordinate(ref Utf8JsonReader reader, double limit, ref bool outOfRange)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value) && Math.Abs(value) <= limit)
        {
            return value;
        }

        outOfRange = true;
        return null;
    }

    private static (double Longitude, double Latitude)? ReadPoint(ref Utf8JsonReader reader, ref bool outOfRange)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        (double, double)? point = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("coordinates"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                double? lon = null;
                double? lat = null;
                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (i == 0)
                    {
                        lon = Coordinate(ref reader, 180, ref outOfRange);
                    }
                    else if (i == 1)
                    {
                        lat = Coordinate(ref reader, 90, ref outOfRange);
                    }

                    reader.Skip();
                    i++;
                }

                point = lon is { } x && lat is { } y ? (x, y) : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return point;
    }

    private static long? Asn(ref Utf8JsonReader reader, ref bool outOfRange)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var asn) && asn is > 0 and <= uint.MaxValue)
        {
            return asn;
        }

        outOfRange = true;
        reader.Skip();
        return null;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is not (>= (byte)'A' and <= (byte)'Z') and not (>= (byte)'a' and <= (byte)'z'))
            {
                return false;
            }
        }

        return true;
    }

    private enum ProbeKindSeen
    {
        Probe,
        Broken,
        Result,
        Other,
    }
}
