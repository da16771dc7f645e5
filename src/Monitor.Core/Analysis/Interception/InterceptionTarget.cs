namespace Monitor.Core.Analysis.Interception;

/// <summary>What the interception check found about one target's operator, and what it could not check.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Vantages">Vantage points with answers.</param>
/// <param name="OperatorShape">The identity shape held by a majority of them, or null when none was.</param>
/// <param name="OperatorExample">An identity of that shape, or null.</param>
/// <param name="DominantRcode">The rcode most answers had.</param>
/// <param name="OperatorSites">The operator's sites with a known position (from identities of the operator's shape).</param>
/// <param name="VantagesWithoutLocation">Vantage points the physical floor could not be checked for (no position), sorted.</param>
/// <param name="Flagged">Vantage points flagged.</param>
public sealed record InterceptionTarget(
    string TargetId,
    int Vantages,
    string? OperatorShape,
    string? OperatorExample,
    int? DominantRcode,
    IReadOnlyList<string> OperatorSites,
    IReadOnlyList<string> VantagesWithoutLocation,
    int Flagged);
