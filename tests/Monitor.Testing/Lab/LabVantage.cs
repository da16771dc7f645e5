using System.Net;

namespace Monitor.Testing.Lab;

/// <summary>A vantage point: a namespace with a default route to one router (it speaks no BGP).</summary>
/// <param name="Id">Vantage point id (<c>vp-ams</c>, …), also usable as Monitor's vantage id.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="Router">The router it hangs off; its best route is this vantage point's routing truth.</param>
/// <param name="City">City.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="Latitude">Latitude.</param>
/// <param name="Longitude">Longitude.</param>
/// <param name="V4">Its IPv4 address.</param>
/// <param name="V6">Its IPv6 address.</param>
public sealed record LabVantage(
    string Id,
    string Namespace,
    string Router,
    string City,
    string Country,
    double Latitude,
    double Longitude,
    IPAddress V4,
    IPAddress V6);
