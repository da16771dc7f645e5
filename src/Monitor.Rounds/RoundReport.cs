using Monitor.Core.Domain;

namespace Monitor.Rounds;

/// <summary>What one round did, for the console line.</summary>
/// <param name="Round">The round as stored.</param>
/// <param name="MedianRttMs">Median RTT over answered probes, or null.</param>
/// <param name="IdentityChanges">Targets whose answering node changed since the previous round: (target, from, to).</param>
/// <param name="Stored">True when the database committed it; false when it waits in the spool.</param>
/// <param name="StoreError">Why the database did not take it.</param>
/// <param name="Pending">Rounds waiting in the spool.</param>
public sealed record RoundReport(
    Round Round,
    double? MedianRttMs,
    IReadOnlyList<(string Target, string From, string To)> IdentityChanges,
    bool Stored,
    string? StoreError,
    int Pending);
