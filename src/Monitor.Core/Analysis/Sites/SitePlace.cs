namespace Monitor.Core.Analysis.Sites;

/// <summary>A place a token may name, with the table it came from (for evidence).</summary>
/// <param name="Code">The site code: the IATA code, or a UN/LOCODE's location part.</param>
/// <param name="City">The city, when known.</param>
/// <param name="Country">ISO 3166-1 alpha-2, when known.</param>
/// <param name="Latitude">Latitude, when known.</param>
/// <param name="Longitude">Longitude, when known.</param>
/// <param name="Table">Where it came from: <c>airport</c>, <c>metropolitan code</c>, <c>closed airport</c>, <c>UN/LOCODE</c>, <c>city name</c>.</param>
internal sealed record SitePlace(string Code, string? City, string? Country, double? Latitude, double? Longitude, string Table)
{
    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    public Site ToSite() => new(Code, City, Country, Latitude, Longitude, Parsed: true);

    public string Describe() =>
        $"{Code} ({string.Join(", ", new[] { City, Country }.Where(s => !string.IsNullOrEmpty(s)))}; {Table})";

    public static SitePlace Of(Airport airport, string table) =>
        new(airport.Iata, airport.City.Length == 0 ? null : airport.City, airport.Country, airport.Latitude, airport.Longitude, table);
}
