namespace Monitor.Core.Analysis.Interception;

/// <summary>The interception check's result: the flagged vantage points and, per target, what was compared.</summary>
/// <param name="Findings">Possibly intercepted (target, vantage point) pairs, by target then vantage point.</param>
/// <param name="Targets">Per target, the operator's identity shape, rcode and located sites, and who could not be checked.</param>
public sealed record InterceptionReport(IReadOnlyList<InterceptionFinding> Findings, IReadOnlyList<InterceptionTarget> Targets);
