namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// The anycast site a node identity names. When a <see cref="SiteRule"/> matched, <see cref="Code"/> is the
/// upper-case location code (<c>AMS</c>, <c>VIE</c>) and the place comes from the <see cref="AirportTable"/>
/// when the code is in it; otherwise <see cref="Parsed"/> is false and <see cref="Code"/> is the identity
/// text as it was (so unknown nodes still group by what they said).
/// </summary>
/// <param name="Code">The upper-case location code when parsed, else the raw identity text.</param>
/// <param name="City">The city, when the code is known.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 country, when known or given by a UN/LOCODE.</param>
/// <param name="Latitude">Latitude in degrees, when the code is known.</param>
/// <param name="Longitude">Longitude in degrees, when the code is known.</param>
/// <param name="Parsed">True when a rule matched.</param>
public sealed record Site(string Code, string? City, string? Country, double? Latitude, double? Longitude, bool Parsed)
{
    /// <summary>A site no rule recognised: its code is the identity text itself, or empty when there was none.</summary>
    /// <param name="text">The identity text as observed.</param>
    public static Site Unparsed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Site(text, null, null, null, null, Parsed: false);
    }

    /// <summary>A parsed site at a known airport or metropolitan code.</summary>
    /// <param name="airport">The table entry.</param>
    public static Site At(Airport airport)
    {
        ArgumentNullException.ThrowIfNull(airport);
        return new Site(
            airport.Iata,
            airport.City.Length == 0 ? null : airport.City,
            airport.Country,
            airport.Latitude,
            airport.Longitude,
            Parsed: true);
    }
}
