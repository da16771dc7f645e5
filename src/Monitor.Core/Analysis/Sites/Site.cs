namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// The anycast site a node identity names. When a <see cref="SiteRule"/> matched, <see cref="Code"/> is the
/// upper-case location code (<c>AMS</c>, <c>VIE</c>) and the place comes from the <see cref="AirportTable"/>
/// when the code is in it; otherwise <see cref="Parsed"/> is false and <see cref="Code"/> is the identity
/// text as it was (so unknown nodes still group by what they said). An identity whose every candidate physics
/// rejected for one vantage point is unknown there under a code of its own (<see cref="PhysicsRejected"/>), so
/// that it never shares a code, a place or a catchment share with the site its text names.
/// </summary>
/// <param name="Code">The upper-case location code when parsed, else the raw identity text (behind <see cref="RejectedMark"/> when physics rejected it).</param>
/// <param name="City">The city, when the code is known.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 country, when known or given by a UN/LOCODE.</param>
/// <param name="Latitude">Latitude in degrees, when the code is known.</param>
/// <param name="Longitude">Longitude in degrees, when the code is known.</param>
/// <param name="Parsed">True when a rule matched.</param>
public sealed record Site(string Code, string? City, string? Country, double? Latitude, double? Longitude, bool Parsed)
{
    /// <summary>
    /// What the code of a physics-rejected unknown starts with: U+2260 (≠, "not"). Identity texts are printable
    /// ASCII (<see cref="Domain.IdentityValue.Text"/>) and parsed codes come from them or from the reference tables,
    /// so no other code of an analysis contains it.
    /// </summary>
    public const string RejectedMark = "\u2260";

    /// <summary>A site no rule recognised: its code is the identity text itself, or empty when there was none.</summary>
    /// <param name="text">The identity text as observed.</param>
    public static Site Unparsed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Site(text, null, null, null, null, Parsed: false);
    }

    /// <summary>
    /// The unknown an identity is for a vantage point from which physics rejected every place it names: its code is
    /// <see cref="RejectedMark"/> and the identity text (<c>≠JNB</c>), so it never meets the real site <c>JNB</c>.
    /// </summary>
    /// <param name="text">The identity text as observed.</param>
    public static Site PhysicsRejected(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Site(RejectedMark + text, null, null, null, null, Parsed: false);
    }

    /// <summary>True when <paramref name="code"/> is the code of a <see cref="PhysicsRejected"/> unknown.</summary>
    /// <param name="code">A site code.</param>
    public static bool IsPhysicsRejected(string? code) => code is not null && code.StartsWith(RejectedMark, StringComparison.Ordinal);

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
