namespace Monitor.Core.Analysis.Zones;

/// <summary>One answer that carried a zone's SOA serial.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Site">The site that answered (its identity's site, else the probed site's id).</param>
/// <param name="At">When the query was sent.</param>
/// <param name="Serial">The SOA serial.</param>
public readonly record struct SoaObservation(string TargetId, string Site, DateTimeOffset At, uint Serial);
