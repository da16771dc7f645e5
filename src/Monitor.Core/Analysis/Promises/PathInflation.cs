namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// For one vantage point and target whose sites were also probed on their own unicast addresses: the
/// site anycast routing chose, the site with the lowest RTT, and how much longer the chosen path is.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Site">The serving site: the dominant site of the anycast answers.</param>
/// <param name="BestSite">The site whose unicast address had the lowest median RTT.</param>
/// <param name="RttMs">Median RTT of the anycast answers from the serving site, ms.</param>
/// <param name="BestRttMs">Median RTT to the best site's unicast address, ms.</param>
public sealed record PathInflation(string TargetId, string Provider, string VantageId, string Site, string BestSite, double RttMs, double BestRttMs)
{
    /// <summary>RTT to the serving site minus RTT to the best site, ms; near 0 or negative when the vantage point is on its nearest site.</summary>
    public double InflationMs => RttMs - BestRttMs;

    /// <summary>True when the serving site is the best site.</summary>
    public bool OnNearest => string.Equals(Site, BestSite, StringComparison.Ordinal);
}
