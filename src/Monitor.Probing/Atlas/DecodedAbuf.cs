using Monitor.Core.Domain;

namespace Monitor.Probing.Atlas;

/// <summary>What one Atlas result's response (or its absence) makes of a measurement.</summary>
internal sealed record DecodedAbuf(
    ProbeOutcome Outcome,
    int? Rcode,
    int? Size,
    bool Truncated,
    DnsQuestion? Question,
    ObservedIdentity Identity,
    string? Error,
    AtlasDamage? Damage)
{
    public static DecodedAbuf Timeout { get; } = new(ProbeOutcome.Timeout, null, null, false, null, ObservedIdentity.None, null, null);

    public static DecodedAbuf NoResult { get; } = new(ProbeOutcome.NetworkError, null, null, false, null, ObservedIdentity.None, "no result or error in the Atlas result", AtlasDamage.NoResult);
}
