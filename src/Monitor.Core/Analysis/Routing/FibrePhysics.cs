namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// The speed-of-light check: light in fibre covers about 200 km per millisecond (c divided by a
/// refractive index near 1.5), so an RTT can never be shorter than 2 × distance / 200 km/ms. A
/// shorter one means the answer came from nearer than the site claims: interception, or a
/// mislabelled site.
/// </summary>
public static class FibrePhysics
{
    /// <summary>One-way distance light travels in fibre per millisecond, in km.</summary>
    public const double KilometresPerMillisecond = 200.0;

    private const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance in km (haversine, spherical Earth of radius 6371 km).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The smallest RTT physics allows over <paramref name="distanceKm"/>, in ms.</summary>
    public static double MinimumRttMs(double distanceKm) => 2 * distanceKm / KilometresPerMillisecond;
}
