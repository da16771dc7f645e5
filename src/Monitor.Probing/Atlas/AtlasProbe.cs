namespace Monitor.Probing.Atlas;

/// <summary>
/// One probe from the RIPE Atlas probe archive (or the probes API): where it is and which network it
/// sits in. Positions are those of the archive's day; a probe may move.
/// </summary>
/// <param name="Id">The probe id (<c>prb_id</c> in results).</param>
/// <param name="Latitude">Latitude in degrees, −90 to 90, or null when unknown.</param>
/// <param name="Longitude">Longitude in degrees, −180 to 180, or null when unknown.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2, upper case, or null.</param>
/// <param name="AsnV4">The AS of its IPv4 address, or null.</param>
/// <param name="AsnV6">The AS of its IPv6 address, or null.</param>
/// <param name="IsAnchor">True for an Atlas anchor, null when the archive does not say.</param>
public sealed record AtlasProbe(long Id, double? Latitude, double? Longitude, string? CountryCode, long? AsnV4, long? AsnV6, bool? IsAnchor)
{
    /// <summary>The vantage point id its results are stored under: <c>atlas-&lt;id&gt;</c>.</summary>
    public string VantageId => "atlas-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when both coordinates are known.</summary>
    public bool HasLocation => Latitude is not null && Longitude is not null;
}
