namespace Monitor.Core.Analysis;

/// <summary>The vantage points whose dominant site for a target is this site.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Site">The site code.</param>
/// <param name="City">The site's city, when known.</param>
/// <param name="Country">The site's country, when known.</param>
/// <param name="Vantages">Vantage points in its catchment.</param>
/// <param name="Share">Those vantage points / all vantage points with answers for the target, 0–1.</param>
public sealed record SiteCatchment(string TargetId, string Site, string? City, string? Country, IReadOnlyList<string> Vantages, double Share);
