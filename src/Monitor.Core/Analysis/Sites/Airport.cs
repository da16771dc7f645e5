namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// One entry of the <see cref="AirportTable"/>: an airport, or a metropolitan city code such as <c>LON</c>.
/// </summary>
/// <param name="Iata">The three-letter IATA code, upper case.</param>
/// <param name="Name">The airport's name.</param>
/// <param name="City">The city it serves; empty when the data has none.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 country code, upper case.</param>
/// <param name="Latitude">Latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">Longitude in degrees, −180 to 180.</param>
public sealed record Airport(string Iata, string Name, string City, string Country, double Latitude, double Longitude);
