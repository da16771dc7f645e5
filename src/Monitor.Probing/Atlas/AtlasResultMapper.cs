using System.Globalization;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Turns one read Atlas result (<see cref="AtlasRawResult"/>) into measurements: one for the
/// <c>result</c> form, one per element for the <c>resultset</c> form. The response in <c>abuf</c> is
/// decoded with <see cref="DnsResponseReader"/>: the rcode (with EDNS's upper bits), the TC bit, the
/// TXT answer to the question as the identity (the qname decides <c>id.server</c> or
/// <c>hostname.bind</c>, RFC 4892) and the NSID option of the OPT record (RFC 5001).
/// </summary>
internal sealed class AtlasResultMapper
{
    /// <summary>Past this many distinct targets they are no longer cached (each result then makes its own).</summary>
    private const int TargetCacheCapacity = 100_000;

    private const int DecodeCacheCapacity = 4096;
    private const int DecodeCacheMaxLength = 512;

    private readonly string? _targetOverride;
    private readonly Dictionary<(long MsmId, string? Address), AtlasTarget> _targets = [];
    private readonly Dictionary<long, string> _vantageIds = [];
    private readonly Dictionary<byte[], DecodedAbuf> _decoded = new(AfterMessageIdComparer.Instance);
    private readonly Dictionary<string, IPAddress?> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _probeAddresses = new(StringComparer.Ordinal);

    public AtlasResultMapper(string? targetOverride) => _targetOverride = targetOverride;

    /// <summary>What kind of record it is, for deciding whether a whole file is Atlas DNS data.</summary>
    public static string? NotDnsReason(AtlasRawResult raw)
    {
        if (raw.Type is { } type && !string.Equals(type, "dns", StringComparison.OrdinalIgnoreCase))
        {
            return $"it holds RIPE Atlas '{Printable(type)}' results, not DNS results";
        }

        if (raw.ResultIsArray)
        {
            return "its results are lists (as ping and traceroute results are), not DNS results";
        }

        if (raw.MsmId is null && raw.PrbId is null)
        {
            return raw.LooksLikeProbe
                ? "it is a RIPE Atlas probe description (the probe archive?), not results; give the archive with --probes"
                : "its objects have no msm_id or prb_id: not RIPE Atlas results";
        }

        if (raw.Type is null && !raw.HasResult && !raw.HasError && !raw.HasResultset)
        {
            return "its objects have no result, resultset or error: not RIPE Atlas DNS results";
        }

        return null;
    }

    /// <summary>Adds the record's measurements to <paramref name="output"/>, counting results and damage.</summary>
    public void Map(AtlasRawResult raw, List<AtlasMeasurement> output, AtlasFileStats stats)
    {
        if (NotDnsReason(raw) is not null)
        {
            stats.CountResult();
            stats.Count(AtlasDamage.NotDns);
            return;
        }

        if (!raw.HasResultset)
        {
            stats.CountResult();
            if (Key(raw, stats) is { } key)
            {
                Add(raw, raw, key, null, output, stats);
            }

            return;
        }

        if (raw.ResultsetCount == 0)
        {
            // Nothing was measured: there is no result to store.
            stats.CountResult();
            stats.Count(AtlasDamage.MissingField);
            return;
        }

        for (var i = 0; i < raw.ResultsetCount; i++)
        {
            stats.CountResult();
            if (Key(raw, stats) is { } key)
            {
                Add(raw, raw.Resultset[i], key, i, output, stats);
            }
        }
    }

    private static (long MsmId, long PrbId, long Timestamp)? Key(AtlasRawResult raw, AtlasFileStats stats)
    {
        if (raw.BadField is not null)
        {
            stats.Count(AtlasDamage.OutOfRange);
            return null;
        }

        if (raw.MsmId is not { } msm || raw.PrbId is not { } prb || raw.Timestamp is not { } timestamp)
        {
            stats.Count(AtlasDamage.MissingField);
            return null;
        }

        return (msm, prb, timestamp);
    }

    private void Add(AtlasRawResult top, AtlasRawResult entry, (long MsmId, long PrbId, long Timestamp) key, int? index, List<AtlasMeasurement> output, AtlasFileStats stats)
    {
        if (entry.BadField is not null)
        {
            stats.Count(AtlasDamage.OutOfRange);
            return;
        }

        var dstText = entry.DstAddr ?? (index is null ? null : top.DstAddr);
        var address = ParseAddress(dstText) ?? ParseAddress(entry.DstName ?? top.DstName);
        var af = entry.Af ?? top.Af;
        var protoText = entry.ProtoText ?? top.ProtoText;
        var transport = entry.Proto ?? top.Proto ?? Transport.Udp;
        var started = DateTimeOffset.FromUnixTimeSeconds(entry.Time ?? key.Timestamp);
        var target = Target(key.MsmId, address, transport);

        AtlasDamage? damage = null;
        var rtt = entry.Rt is { } rt ? TimeSpan.FromTicks((long)Math.Round(rt * TimeSpan.TicksPerMillisecond)) : (TimeSpan?)null;
        var read = entry switch
        {
            { HasResult: true, HasAbuf: false } => new DecodedAbuf(ProbeOutcome.Answered, null, entry.Size, false, null, ObservedIdentity.None, "Atlas kept no abuf", AtlasDamage.NoAbuf),
            { HasResult: true, Abuf: null } => new DecodedAbuf(ProbeOutcome.Malformed, null, entry.Size, false, null, ObservedIdentity.None, "abuf is not base64", AtlasDamage.InvalidBase64),
            { HasResult: true, Abuf: { } abuf } => Decode(abuf),
            { HasError: true } when string.Equals(entry.ErrorKind, "timeout", StringComparison.OrdinalIgnoreCase) => DecodedAbuf.Timeout,
            { HasError: true } => new DecodedAbuf(ProbeOutcome.NetworkError, null, null, false, null, ObservedIdentity.None, entry.ErrorText is null ? entry.ErrorKind : $"{entry.ErrorKind}: {entry.ErrorText}", null),
            _ => DecodedAbuf.NoResult,
        };
        damage = read.Damage;
        var measurement = new Measurement
        {
            Id = AtlasMeasurementId.Create(key.MsmId, key.PrbId, key.Timestamp, af, protoText, dstText, index),
            VantageId = VantageId(key.PrbId),
            TargetId = target.Id,
            Started = started,
            Outcome = read.Outcome,
            Rtt = read.Outcome is ProbeOutcome.Answered or ProbeOutcome.Malformed ? rtt : null,
            Rcode = read.Rcode,
            ResponseSize = read.Size,
            Truncated = read.Truncated,
            Identity = read.Identity,
            Error = read.Error,
        };

        if (damage is { } d)
        {
            stats.Count(d);
        }

        stats.CountMeasurement();
        output.Add(new AtlasMeasurement(measurement, new AtlasOrigin(key.MsmId, key.PrbId, ProbeAddress(top.From), index), target, read.Question, damage));
    }

    /// <summary>
    /// Decodes an abuf, or takes the decoding of an earlier abuf with the same octets after the
    /// message ID: an Atlas file repeats the same few responses thousands of times.
    /// </summary>
    private DecodedAbuf Decode(byte[] abuf)
    {
        if (_decoded.TryGetValue(abuf, out var known))
        {
            return known;
        }

        var decoded = DecodeUncached(abuf);
        if (_decoded.Count < DecodeCacheCapacity && abuf.Length <= DecodeCacheMaxLength)
        {
            _decoded[abuf] = decoded;
        }

        return decoded;
    }

    private static DecodedAbuf DecodeUncached(byte[] abuf)
    {
        DnsResponse response;
        try
        {
            response = DnsResponseReader.Read(abuf);
        }
        catch (DnsWireException ex)
        {
            return new DecodedAbuf(ProbeOutcome.Malformed, null, abuf.Length, false, null, ObservedIdentity.None, "abuf is not a DNS message: " + ex.Message, AtlasDamage.AbufNotDns);
        }

        var question = response.Head.Question;
        IdentityValue? idServer = null;
        IdentityValue? hostnameBind = null;
        if (question is not null && IdentityTxt(response, question) is { } txt)
        {
            if (string.Equals(question.Name, DnsQuestion.IdServer.Name, StringComparison.OrdinalIgnoreCase))
            {
                idServer = txt;
            }
            else if (string.Equals(question.Name, DnsQuestion.HostnameBind.Name, StringComparison.OrdinalIgnoreCase))
            {
                hostnameBind = txt;
            }
        }

        var nsid = response.Nsid is { } raw ? new IdentityValue(raw.AsSpan()) : null;
        var identity = idServer is null && hostnameBind is null && nsid is null ? ObservedIdentity.None : new ObservedIdentity(idServer, hostnameBind, nsid);
        return new DecodedAbuf(ProbeOutcome.Answered, response.Rcode, response.Size, response.Head.Truncated, question, identity, null, null);
    }

    /// <summary>
    /// The TXT answer whose owner is the qname, of the question's class when there is one (interceptors
    /// sometimes answer a CH question in class IN; what they said is kept as the evidence it is).
    /// </summary>
    private static IdentityValue? IdentityTxt(DnsResponse response, DnsQuestion question)
    {
        TxtRecord? anyClass = null;
        foreach (var record in response.TxtAnswers)
        {
            if (!string.Equals(record.Owner, question.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (record.RecordClass == question.QClass)
            {
                return new IdentityValue(record.Joined());
            }

            anyClass ??= record;
        }

        return anyClass is null ? null : new IdentityValue(anyClass.Joined());
    }

    private AtlasTarget Target(long msmId, IPAddress? address, Transport transport)
    {
        var addressText = address?.ToString();
        if (_targets.TryGetValue((msmId, addressText), out var known))
        {
            return known;
        }

        var id = _targetOverride ?? (addressText is null
            ? string.Create(CultureInfo.InvariantCulture, $"atlas-{msmId}")
            : string.Create(CultureInfo.InvariantCulture, $"atlas-{msmId}-{addressText}"));
        var target = new AtlasTarget(id, msmId, address, transport);
        if (_targets.Count < TargetCacheCapacity)
        {
            _targets[(msmId, addressText)] = target;
        }

        return target;
    }

    private string VantageId(long prbId)
    {
        if (_vantageIds.TryGetValue(prbId, out var id))
        {
            return id;
        }

        id = string.Create(CultureInfo.InvariantCulture, $"atlas-{prbId}");
        if (_vantageIds.Count < TargetCacheCapacity)
        {
            _vantageIds[prbId] = id;
        }

        return id;
    }

    /// <summary>An IPv4 literal in dotted-quad form or an IPv6 literal; not the short forms ("10" is 0.0.0.10 to <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>).</summary>
    private IPAddress? ParseAddress(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (_addresses.TryGetValue(text, out var known))
        {
            return known;
        }

        var address = ParseAddressUncached(text);
        if (_addresses.Count < TargetCacheCapacity)
        {
            _addresses[text] = address;
        }

        return address;
    }

    private static IPAddress? ParseAddressUncached(string? text) =>
        text is not null &&
        (text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3) &&
        text.AsSpan().IndexOfAny('%', '/') < 0 &&
        IPAddress.TryParse(text, out var address)
            ? address
            : null;

    private string? ProbeAddress(string? from)
    {
        if (from is null)
        {
            return null;
        }

        if (_probeAddresses.TryGetValue(from, out var known))
        {
            return known;
        }

        var normalized = ParseAddressUncached(from)?.ToString();
        if (_probeAddresses.Count < TargetCacheCapacity)
        {
            _probeAddresses[from] = normalized;
        }

        return normalized;
    }

    private static string Printable(string text) =>
        string.Concat(text.Take(20).Select(c => c is >= ' ' and <= '~' and not '\'' ? c : '?'));
}
