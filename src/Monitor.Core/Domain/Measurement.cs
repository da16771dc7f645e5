using System.Net;

namespace Monitor.Core.Domain;

/// <summary>
/// One probe of one target from one vantage point: the raw sample, never a statistic. Statistics are
/// computed in Analysis.
/// </summary>
public sealed record Measurement
{
    /// <summary>A unique id (UUIDv7, time-ordered), so that storing the same measurement twice never duplicates it.</summary>
    public required Guid Id { get; init; }

    /// <summary>The round this probe belongs to, when it ran on a schedule.</summary>
    public Guid? RoundId { get; init; }

    /// <summary>The vantage point that sent the probe.</summary>
    public required string VantageId { get; init; }

    /// <summary>The target probed.</summary>
    public required string TargetId { get; init; }

    /// <summary>When the main query was sent, UTC.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>What became of the main query.</summary>
    public required ProbeOutcome Outcome { get; init; }

    /// <summary>Send-to-receive time of the main query, from a monotonic clock; null unless a response came back.</summary>
    public TimeSpan? Rtt { get; init; }

    /// <summary>The response code (extended with the OPT record's upper bits, RFC 6891 §6.1.3); null without a response.</summary>
    public int? Rcode { get; init; }

    /// <summary>Size of the response message in octets; null without a response.</summary>
    public int? ResponseSize { get; init; }

    /// <summary>The TC bit of the response: the answer did not fit and no TCP retry was made.</summary>
    public bool Truncated { get; init; }

    /// <summary>The identity seen, by every method asked.</summary>
    public ObservedIdentity Identity { get; init; } = ObservedIdentity.None;

    /// <summary>RTT of the separate identity query, when the main query could not carry the identity.</summary>
    public TimeSpan? IdentityRtt { get; init; }

    /// <summary>Packets received while waiting that did not match (wrong ID, question or source) and were discarded.</summary>
    public int Discarded { get; init; }

    /// <summary>A short reason for a network error or malformed response.</summary>
    public string? Error { get; init; }

    /// <summary>Why the probe was sent; only regular probes make the latency statistics.</summary>
    public ProbeKind Kind { get; init; } = ProbeKind.Regular;

    /// <summary>For a <see cref="ProbeKind.Site"/> probe, the site (<see cref="TargetSite.Id"/>) whose own address was probed.</summary>
    public string? SiteId { get; init; }

    /// <summary>
    /// For a main query asking for A or AAAA, the addresses in the answer section: distinct, sorted,
    /// comma-separated (e.g. <c>192.0.2.1,192.0.2.7</c>); empty when the answer held none; null when not asked.
    /// </summary>
    public string? Answers { get; init; }

    /// <summary>The transport the probe used; null in measurements stored before transports were recorded.</summary>
    public Transport? Transport { get; init; }

    /// <summary>The address the main query went to (for a host-name target, the one it resolved to); null when not recorded.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>For TCP, TLS and HTTPS, whether the connection was fresh for the probe or kept across probes; null for UDP.</summary>
    public ConnectionMode? Connection { get; init; }

    /// <summary>Time of the TCP connect when the probe opened a connection; null when it used a kept one, and for UDP.</summary>
    public TimeSpan? ConnectTime { get; init; }

    /// <summary>Time of the TLS handshake when the probe opened a TLS or HTTPS connection; null otherwise.</summary>
    public TimeSpan? TlsTime { get; init; }

    /// <summary>With a kept connection: how many times this probe had to open it again (0 when it was still up); null otherwise.</summary>
    public int? Reconnects { get; init; }

    /// <summary>With DNSSEC asked (DO bit): the AD bit of the response; null when not asked or without a response.</summary>
    public bool? AuthenticData { get; init; }

    /// <summary>With DNSSEC asked (DO bit): whether any RRSIG record came back; null when not asked or without a response.</summary>
    public bool? RrsigSeen { get; init; }

    /// <summary>For a main query of type SOA: the serial of the zone's SOA in the answer (RFC 1982 number); null otherwise.</summary>
    public long? SoaSerial { get; init; }

    /// <summary>True when a response came back, whatever its rcode.</summary>
    public bool IsAnswered => Outcome == ProbeOutcome.Answered;
}
