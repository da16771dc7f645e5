namespace Monitor.Reporting.View;

/// <summary>An answer set faster than light allows: the site it claims is farther than its minimum RTT can reach.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="VantagePlace">Its city and country as registered, or "-".</param>
/// <param name="Site">The site the answers claim.</param>
/// <param name="SitePlace">That site's city and country, or "-".</param>
/// <param name="DistanceKm">Great-circle distance between the two.</param>
/// <param name="MinRttMs">The smallest RTT seen.</param>
/// <param name="FloorMs">The smallest RTT light in fibre allows over that distance.</param>
/// <param name="Cause">The likely cause, as the evidence suggests it.</param>
internal sealed record PhysicsViolation(string TargetId, string VantageId, string VantagePlace, string Site, string SitePlace, double DistanceKm, double MinRttMs, double FloorMs, string Cause);
