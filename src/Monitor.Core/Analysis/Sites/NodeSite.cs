namespace Monitor.Core.Analysis.Sites;

/// <summary>One identifier of an operator's published node list, with the site's town.</summary>
/// <param name="Operator">Whose list: a root letter, <c>a</c> to <c>m</c>.</param>
/// <param name="Identifier">The identifier as listed, lower case (for I-root, Netnod's site name).</param>
/// <param name="Code">The IATA code of the nearest airport in the site's country within 100 km, or empty.</param>
/// <param name="Town">The town the operator gives.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Latitude">The site's latitude.</param>
/// <param name="Longitude">The site's longitude.</param>
public sealed record NodeSite(string Operator, string Identifier, string Code, string Town, string Country, double Latitude, double Longitude);
