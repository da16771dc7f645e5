using System.Buffers.Text;
using System.Text.Json;

using Monitor.Core.Domain;

namespace Monitor.Probing.Atlas;

/// <summary>
/// The fields of one Atlas result object, or of one element of its <c>resultset</c>, as written, read
/// with <see cref="Utf8JsonReader"/> from the record's octets. Values of the wrong JSON type or
/// outside what Atlas writes are not kept: <see cref="BadField"/> names the first such field.
/// Instances are reused from record to record.
/// </summary>
internal sealed class AtlasRawResult
{
    /// <summary>Unix seconds from 2000-01-01 (Atlas started in 2010) …</summary>
    public const long EarliestTime = 946_684_800;

    /// <summary>… to 2100-01-01.</summary>
    public const long LatestTime = 4_102_444_800;

    /// <summary>An hour: no Atlas query waits longer.</summary>
    public const double LongestRttMs = 3_600_000;

    private const int MaxAddressLength = ShortStringCache.MaxLength;

    private readonly ShortStringCache _strings;

    /// <summary>Creates a reader of results; elements of a resultset share <paramref name="strings"/>.</summary>
    public AtlasRawResult(ShortStringCache? strings = null) => _strings = strings ?? new ShortStringCache();
    private const int MaxErrorLength = 200;

    public string? Type { get; private set; }

    public long? MsmId { get; private set; }

    public long? PrbId { get; private set; }

    public long? Timestamp { get; private set; }

    public string? From { get; private set; }

    public int? Af { get; private set; }

    public string? ProtoText { get; private set; }

    public Transport? Proto { get; private set; }

    public string? DstAddr { get; private set; }

    public string? DstName { get; private set; }

    public bool HasResult { get; private set; }

    public bool ResultIsArray { get; private set; }

    public double? Rt { get; private set; }

    public int? Size { get; private set; }

    public bool HasAbuf { get; private set; }

    /// <summary>The decoded <c>abuf</c>; null when absent or not base64.</summary>
    public byte[]? Abuf { get; private set; }

    public bool HasError { get; private set; }

    public string? ErrorKind { get; private set; }

    public string? ErrorText { get; private set; }

    public bool HasResultset { get; private set; }

    /// <summary>Elements of the <c>resultset</c> (their own af, dst_addr, proto, time, result, error).</summary>
    public List<AtlasRawResult> Resultset { get; } = [];

    public int ResultsetCount { get; private set; }

    /// <summary>An element's own <c>time</c>.</summary>
    public long? Time { get; private set; }

    /// <summary>Hints that the object is a probe description (the probe archive), not a result.</summary>
    public bool LooksLikeProbe { get; private set; }

    /// <summary>The first field whose value was of the wrong type or out of range.</summary>
    public string? BadField { get; private set; }

    /// <summary>Reads one record. False when it is not a JSON object or not valid JSON.</summary>
    public bool TryRead(ReadOnlySpan<byte> json)
    {
        Reset();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            ReadObject(ref reader, top: true);

            // Nothing but whitespace may follow the object.
            return !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string value that is not valid UTF-8.
            return false;
        }
    }

    private void Reset()
    {
        Type = null;
        MsmId = null;
        PrbId = null;
        Timestamp = null;
        From = null;
        ResetEntry();
        HasResultset = false;
        ResultsetCount = 0;
        LooksLikeProbe = false;
        BadField = null;
    }

    private void ResetEntry()
    {
        Af = null;
        ProtoText = null;
        Proto = null;
        DstAddr = null;
        DstName = null;
        HasResult = false;
        ResultIsArray = false;
        Rt = null;
        Size = null;
        HasAbuf = false;
        Abuf = null;
        HasError = false;
        ErrorKind = null;
        ErrorText = null;
        Time = null;
        BadField = null;
    }

    private void ReadObject(ref Utf8JsonReader reader, bool top)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (top && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                Type = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 32 ? _strings.Get(ref reader) : Bad(ref reader, "type", (string?)null);
            }
            else if (top && reader.ValueTextEquals("msm_id"u8))
            {
                MsmId = ReadId(ref reader, "msm_id");
            }
            else if (top && reader.ValueTextEquals("prb_id"u8))
            {
                PrbId = ReadId(ref reader, "prb_id");
            }
            else if (top && reader.ValueTextEquals("timestamp"u8))
            {
                Timestamp = ReadTime(ref reader, "timestamp");
            }
            else if (!top && reader.ValueTextEquals("time"u8))
            {
                Time = ReadTime(ref reader, "time");
            }
            else if (top && reader.ValueTextEquals("from"u8))
            {
                reader.Read();
                From = ReadShortString(ref reader, "from");
            }
            else if (reader.ValueTextEquals("af"u8))
            {
                reader.Read();
                Af = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var af) && af is 4 or 6 ? af : Bad(ref reader, "af", (int?)null);
            }
            else if (reader.ValueTextEquals("proto"u8))
            {
                reader.Read();
                ReadProto(ref reader);
            }
            else if (reader.ValueTextEquals("dst_addr"u8))
            {
                reader.Read();
                DstAddr = ReadShortString(ref reader, "dst_addr");
            }
            else if (reader.ValueTextEquals("dst_name"u8))
            {
                reader.Read();
                DstName = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxAddressLength ? _strings.Get(ref reader) : Skip<string>(ref reader);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                HasResult = true;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadResult(ref reader);
                }
                else
                {
                    ResultIsArray = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                HasError = true;
                ReadError(ref reader);
            }
            else if (top && reader.ValueTextEquals("resultset"u8))
            {
                reader.Read();
                ReadResultset(ref reader);
            }
            else
            {
                if (top && (reader.ValueTextEquals("latitude"u8) || reader.ValueTextEquals("objects"u8) || reader.ValueTextEquals("country_code"u8)))
                {
                    LooksLikeProbe = true;
                }

                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadResultset(ref Utf8JsonReader reader)
    {
        HasResultset = true;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            BadField ??= "resultset";
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ResultsetCount == Resultset.Count)
            {
                Resultset.Add(new AtlasRawResult(_strings));
            }

            var element = Resultset[ResultsetCount++];
            element.ResetEntry();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                element.ReadObject(ref reader, top: false);
            }
            else
            {
                element.BadField = "resultset";
                reader.Skip();
            }
        }
    }

    private void ReadResult(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("rt"u8))
            {
                reader.Read();
                Rt = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var rt) && double.IsFinite(rt) && rt is >= 0 and <= LongestRttMs
                    ? rt
                    : Bad(ref reader, "result.rt", (double?)null);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                Size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var size) && size is >= 0 and <= 65535
                    ? size
                    : Bad(ref reader, "result.size", (int?)null);
            }
            else if (reader.ValueTextEquals("abuf"u8))
            {
                reader.Read();
                HasAbuf = true;
                Abuf = reader.TokenType == JsonTokenType.String ? DecodeBase64(ref reader) : Skip<byte[]>(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ErrorKind = "error";
            ErrorText = reader.TokenType == JsonTokenType.String ? Clean(reader.GetString()) : null;
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var kind = reader.ValueSpan.Length <= 32 && !reader.ValueIsEscaped ? reader.GetString() : "error";
            reader.Read();
            string? text = reader.TokenType switch
            {
                JsonTokenType.String => Clean(reader.GetString()),
                JsonTokenType.Number => reader.TryGetDouble(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                _ => null,
            };
            reader.Skip();

            // The first kind names the outcome (Atlas writes one: timeout, socket, getaddrinfo …).
            if (ErrorKind is null)
            {
                ErrorKind = Clean(kind);
                ErrorText = text;
            }
        }
    }

    private void ReadProto(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 8)
        {
            var text = _strings.Get(ref reader);
            Transport? proto = string.Equals(text, "UDP", StringComparison.OrdinalIgnoreCase) ? Transport.Udp
                : string.Equals(text, "TCP", StringComparison.OrdinalIgnoreCase) ? Transport.Tcp
                : null;
            if (proto is not null)
            {
                Proto = proto;
                ProtoText = text;
                return;
            }
        }

        BadField ??= "proto";
        reader.Skip();
    }

    private long? ReadId(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id) && id > 0 ? id : Bad(ref reader, field, (long?)null);
    }

    private long? ReadTime(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds) && seconds is >= EarliestTime and < LatestTime
            ? seconds
            : Bad(ref reader, field, (long?)null);
    }

    private string? ReadShortString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxAddressLength
            ? _strings.Get(ref reader)
            : Bad(ref reader, field, (string?)null);
    }

    private static byte[]? DecodeBase64(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var utf8 = reader.ValueSpan;
            var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(utf8.Length)];
            if (Base64.DecodeFromUtf8(utf8, buffer, out _, out var written) == System.Buffers.OperationStatus.Done)
            {
                return written == buffer.Length ? buffer : buffer[..written];
            }
        }

        // Escaped ("\/") or with whitespace: the string form, which Convert reads leniently.
        var text = reader.GetString()!;
        var decoded = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, decoded, out var n) ? decoded[..n] : null;
    }

    private T? Bad<T>(ref Utf8JsonReader reader, string field, T? none)
    {
        BadField ??= field;
        reader.Skip();
        return none;
    }

    private static T? Skip<T>(ref Utf8JsonReader reader)
        where T : class
    {
        reader.Skip();
        return null;
    }

    /// <summary>Printable ASCII only, at most 200 characters: error text comes from the network.</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var chars = text.Length > MaxErrorLength ? text.AsSpan(0, MaxErrorLength) : text.AsSpan();
        return string.Create(chars.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= ' ' and <= '~' ? c : '?';
            }
        });
    }
}
