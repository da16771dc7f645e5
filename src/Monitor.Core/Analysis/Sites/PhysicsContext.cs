namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Where a probe was sent from and the smallest RTT it saw, so that <see cref="SiteEngine"/> can reject
/// a candidate site farther away than light in fibre travels in half that RTT.
/// </summary>
/// <param name="Latitude">The vantage point's latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">The vantage point's longitude in degrees, −180 to 180.</param>
/// <param name="MinRttMs">The smallest RTT seen to the target, in milliseconds; positive.</param>
public sealed record PhysicsContext(double Latitude, double Longitude, double MinRttMs)
{
    /// <summary>How far light travels in optical fibre per millisecond (about 2/3 of c).</summary>
    public const double FibreKmPerMs = 200;

    /// <summary>
    /// Added to the reach: a site is a data centre, not the airport or city centre its code names
    /// (Narita is 60 km from Tokyo), and vantage point positions are rounded.
    /// </summary>
    public const double SlackKm = 100;

    /// <summary>True when the values are usable: coordinates in range and a finite positive RTT.</summary>
    public bool IsValid =>
        Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && double.IsFinite(MinRttMs) && MinRttMs > 0;

    /// <summary>The farthest a site can be: 200 km/ms × RTT / 2, plus <see cref="SlackKm"/>.</summary>
    public double ReachKm => (FibreKmPerMs * MinRttMs / 2) + SlackKm;

    /// <summary>Great-circle distance in km (haversine, mean Earth radius 6,371 km).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadiusKm = 6371.0;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The distance from the vantage point to a place.</summary>
    public double DistanceKm(double latitude, double longitude) => DistanceKm(Latitude, Longitude, latitude, longitude);
}
