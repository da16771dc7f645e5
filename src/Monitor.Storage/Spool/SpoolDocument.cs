using Monitor.Core.Domain;

namespace Monitor.Storage.Spool;

/// <summary>The JSON form of a spooled round (version 1). Octets are base64; instants are Unix microseconds.</summary>
internal sealed record SpoolDocument(int Version, SpoolRound Round, IReadOnlyList<SpoolMeasurement> Measurements)
{
    public static SpoolDocument From(Round round, IReadOnlyList<Measurement> measurements) => new(
        1,
        new SpoolRound(round.Id, round.VantageId, UnixTime.ToMicroseconds(round.Scheduled), UnixTime.ToMicroseconds(round.Started), UnixTime.ToMicroseconds(round.Finished), round.Probes, round.Answered, (int)round.Kind),
        measurements.Select(m => new SpoolMeasurement(
            m.Id,
            m.RoundId,
            m.VantageId,
            m.TargetId,
            UnixTime.ToMicroseconds(m.Started),
            m.Outcome,
            m.Rtt is { } rtt ? UnixTime.ToMicroseconds(rtt) : null,
            m.Rcode,
            m.ResponseSize,
            m.Truncated,
            m.Identity.IdServer?.Raw.ToArray(),
            m.Identity.HostnameBind?.Raw.ToArray(),
            m.Identity.Nsid?.Raw.ToArray(),
            m.IdentityRtt is { } identityRtt ? UnixTime.ToMicroseconds(identityRtt) : null,
            m.Discarded,
            m.Error,
            (int)m.Kind,
            m.SiteId,
            m.Answers,
            m.Transport is { } t ? (int)t : null,
            m.Address?.ToString(),
            m.Connection is { } c ? (int)c : null,
            m.ConnectTime is { } connect ? UnixTime.ToMicroseconds(connect) : null,
            m.TlsTime is { } tls ? UnixTime.ToMicroseconds(tls) : null,
            m.Reconnects,
            m.AuthenticData is null && m.RrsigSeen is null ? null : (short)((m.AuthenticData == true ? 1 : 0) | (m.RrsigSeen == true ? 2 : 0)),
            m.SoaSerial)).ToList());

    public Round ToRound() => new(
        Round.Id,
        Round.VantageId,
        UnixTime.FromMicroseconds(Round.ScheduledUs),
        UnixTime.FromMicroseconds(Round.StartedUs),
        UnixTime.FromMicroseconds(Round.FinishedUs),
        Round.Probes,
        Round.Answered)
    { Kind = (ProbeKind)Round.Kind };

    public IReadOnlyList<Measurement> ToMeasurements() => Measurements.Select(m => new Measurement
    {
        Id = m.Id,
        RoundId = m.RoundId,
        VantageId = m.VantageId,
        TargetId = m.TargetId,
        Started = UnixTime.FromMicroseconds(m.StartedUs),
        Outcome = m.Outcome,
        Rtt = m.RttUs is { } rtt ? UnixTime.DurationFromMicroseconds(rtt) : null,
        Rcode = m.Rcode,
        ResponseSize = m.ResponseSize,
        Truncated = m.Truncated,
        Identity = new ObservedIdentity(Value(m.IdServer), Value(m.HostnameBind), Value(m.Nsid)),
        IdentityRtt = m.IdentityRttUs is { } identityRtt ? UnixTime.DurationFromMicroseconds(identityRtt) : null,
        Discarded = m.Discarded,
        Error = m.Error,
        Kind = (ProbeKind)m.Kind,
        SiteId = m.SiteId,
        Answers = m.Answers,
        Transport = m.Transport is { } t ? (Transport)t : null,
        Address = m.Address is null ? null : System.Net.IPAddress.Parse(m.Address),
        Connection = m.Connection is { } c ? (ConnectionMode)c : null,
        ConnectTime = m.ConnectUs is { } connect ? UnixTime.DurationFromMicroseconds(connect) : null,
        TlsTime = m.TlsUs is { } tls ? UnixTime.DurationFromMicroseconds(tls) : null,
        Reconnects = m.Reconnects,
        AuthenticData = m.DnssecFlags is { } f ? (f & 1) != 0 : null,
        RrsigSeen = m.DnssecFlags is { } g ? (g & 2) != 0 : null,
        SoaSerial = m.SoaSerial,
    }).ToList();

    private static IdentityValue? Value(byte[]? octets) => octets is null ? null : new IdentityValue(octets);
}

// Kind, SiteId and Answers came later: spool files written before them read as regular probes; so
// did the transport fields (issue 20): older files read them as null.
internal sealed record SpoolRound(Guid Id, string VantageId, long ScheduledUs, long StartedUs, long FinishedUs, int Probes, int Answered, int Kind = 0);

internal sealed record SpoolMeasurement(
    Guid Id,
    Guid? RoundId,
    string VantageId,
    string TargetId,
    long StartedUs,
    ProbeOutcome Outcome,
    long? RttUs,
    int? Rcode,
    int? ResponseSize,
    bool Truncated,
    byte[]? IdServer,
    byte[]? HostnameBind,
    byte[]? Nsid,
    long? IdentityRttUs,
    int Discarded,
    string? Error,
    int Kind = 0,
    string? SiteId = null,
    string? Answers = null,
    int? Transport = null,
    string? Address = null,
    int? Connection = null,
    long? ConnectUs = null,
    long? TlsUs = null,
    int? Reconnects = null,
    short? DnssecFlags = null,
    long? SoaSerial = null);
