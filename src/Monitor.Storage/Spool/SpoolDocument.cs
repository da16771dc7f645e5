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
            m.Answers)).ToList());

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
    }).ToList();

    private static IdentityValue? Value(byte[]? octets) => octets is null ? null : new IdentityValue(octets);
}

// Kind, SiteId and Answers came later: spool files written before them read as regular probes.
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
    string? Answers = null);
