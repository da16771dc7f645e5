using System.Globalization;

using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// The physics check: a site whose minimum RTT is below what light in fibre needs for the distance
/// from the vantage point is reported (interception or a mislabelled site).
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

        foreach (var tally in series.Sites)
        {
            if (tally.Latency.MinMs is not { } rtt ||
                series.SiteTable.ByCode(tally.Code) is not { Latitude: { } slat, Longitude: { } slon })
            {
                continue;
            }

            var km = FibrePhysics.DistanceKm(vlat, vlon, slat, slon);
            var floor = FibrePhysics.MinimumRttMs(km);
            if (rtt < floor)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"physics: {series.VantageId} → {series.TargetId} via {tally.Code}: min RTT {rtt:0.000} ms is below the {floor:0.000} ms light in fibre needs for {km:0} km (200 km/ms one way): interception or a mislabelled site?"));
            }
        }
    }
}
