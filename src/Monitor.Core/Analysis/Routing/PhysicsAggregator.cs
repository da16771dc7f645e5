using System.Globalization;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// The physics check: a site whose minimum RTT is below what light in fibre needs for the distance
/// from the vantage point is reported (interception or a mislabelled site). An identity the site engine
/// rejected for that vantage point (<see cref="SiteIdentification.Claimed"/>) is reported under the
/// site it claims.
/// </summary>
/// <param name="warnings">Where the findings go, in series order.</param>
public sealed class PhysicsAggregator(List<string> warnings) : ISeriesAggregator
{
    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Vantage is not { Latitude: { } vlat, Longitude: { } vlon })
        {
            return;
        }

        // Identities the site engine rejected here are checked against the site they claim and named by it; several
        // identities claiming one site (k1 and k2 of a node) make one finding with their smallest RTT.
        var claims = new List<(Site Site, double Rtt)>();
        foreach (var tally in series.Sites)
        {
            var site = series.SiteTable.Identification(tally.Code)?.Claimed ?? series.SiteTable.ByCode(tally.Code);
            if (tally.Latency.MinMs is not { } rtt || site is not { Latitude: not null, Longitude: not null })
            {
                continue;
            }

            var at = claims.FindIndex(c => c.Site.Code == site.Code);
            if (at < 0)
            {
                claims.Add((site, rtt));
            }
            else if (rtt < claims[at].Rtt)
            {
                claims[at] = (claims[at].Site, rtt);
            }
        }

        foreach (var (site, rtt) in claims)
        {
            var km = FibrePhysics.DistanceKm(vlat, vlon, site.Latitude!.Value, site.Longitude!.Value);
            var floor = FibrePhysics.MinimumRttMs(km);
            if (rtt < floor)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"physics: {series.VantageId} → {series.TargetId} via {site.Code}: min RTT {rtt:0.000} ms is below the {floor:0.000} ms light in fibre needs for {km:0} km (200 km/ms one way): interception or a mislabelled site?"));
            }
        }
    }
}
