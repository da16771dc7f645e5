namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// One UN/LOCODE entry (UNECE Recommendation 16): a country and a 3-character location code with the
/// place's name and, where UNECE gives them, its coordinates.
/// </summary>
/// <param name="Country">ISO 3166-1 alpha-2, upper case.</param>
/// <param name="Location">The location part: 3 characters, letters and digits 2–9, upper case.</param>
/// <param name="Name">The name without diacritics, e.g. <c>Ashburn</c>.</param>
/// <param name="Latitude">Latitude in degrees, when known.</param>
/// <param name="Longitude">Longitude in degrees, when known.</param>
public sealed record Locode(string Country, string Location, string Name, double? Latitude, double? Longitude)
{
    /// <summary>The five-character code, e.g. <c>USQAS</c>.</summary>
    public string Code => Country + Location;
}
