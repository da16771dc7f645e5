namespace Monitor.Core.Analysis.Sites;

/// <summary>An anycast site: where the answering node is, as far as its identity tells.</summary>
/// <param name="Code">The upper-case location code (AMS) when parsed; otherwise the raw identity text.</param>
/// <param name="City">City, when known.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country, when known.</param>
/// <param name="Latitude">Degrees, when known.</param>
/// <param name="Longitude">Degrees, when known.</param>
/// <param name="Parsed">False when no rule recognised the identity.</param>
public sealed record Site(string Code, string? City, string? Country, double? Latitude, double? Longitude, bool Parsed);
