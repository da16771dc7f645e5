namespace Monitor.Core.Analysis.Interception;

/// <summary>A vantage point whose answers from an anycast target are possibly intercepted, with the evidence.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Reasons">Which tests it failed.</param>
/// <param name="Answers">Answers it got from the target.</param>
/// <param name="Identity">The identity it saw most (escaped text), or null when it saw none.</param>
/// <param name="IdentityShape">That identity's shape (<see cref="Interception.IdentityShape"/>).</param>
/// <param name="OperatorShape">The shape most vantage points saw, or null when there was no majority.</param>
/// <param name="OperatorExample">An identity of the operator's shape, or null.</param>
/// <param name="Rcode">The rcode it got most.</param>
/// <param name="OthersRcode">The rcode the other vantage points got most, or null when there are none.</param>
/// <param name="MinRttMs">Its lowest RTT, ms.</param>
/// <param name="FloorMs">The physical floor to the nearest operator site (2 × distance ÷ 200 km/ms), or null when unknown.</param>
/// <param name="NearestSite">That site's code, or null.</param>
/// <param name="DistanceKm">The great-circle distance to it, or null.</param>
public sealed record InterceptionFinding(
    string TargetId,
    string VantageId,
    InterceptionReasons Reasons,
    int Answers,
    string? Identity,
    string IdentityShape,
    string? OperatorShape,
    string? OperatorExample,
    int? Rcode,
    int? OthersRcode,
    double? MinRttMs,
    double? FloorMs,
    string? NearestSite,
    double? DistanceKm);
