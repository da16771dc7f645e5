using System.Net;

namespace Monitor.Testing.Lab;

/// <summary>An anycast site: an NSD on the anycast addresses and on its own unicast addresses, announced by bird2.</summary>
/// <param name="Id">Site name (<c>ams</c>, <c>fra</c>, <c>sin</c>).</param>
/// <param name="Asn">The site's AS number: the origin AS of its announcements.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="UnicastV4">The site's own IPv4 address (NSD answers there too; announced over BGP).</param>
/// <param name="UnicastV6">The site's own IPv6 address.</param>
/// <param name="Identity">What NSD answers to <c>id.server</c> and <c>hostname.bind</c>.</param>
/// <param name="Nsid">The NSID NSD sends.</param>
/// <param name="Transit">The transit router it announces to.</param>
/// <param name="City">City.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="Latitude">Latitude.</param>
/// <param name="Longitude">Longitude.</param>
public sealed record LabSite(
    string Id,
    int Asn,
    string Namespace,
    IPAddress UnicastV4,
    IPAddress UnicastV6,
    string Identity,
    string Nsid,
    string Transit,
    string City,
    string Country,
    double Latitude,
    double Longitude);
