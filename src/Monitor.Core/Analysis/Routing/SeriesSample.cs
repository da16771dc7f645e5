namespace Monitor.Core.Analysis.Routing;

/// <summary>One probe of a vantage point's series, reduced to what route analysis needs.</summary>
/// <param name="Time">When it was sent.</param>
/// <param name="Site">The site that answered, or null when nothing did.</param>
/// <param name="RttMs">The RTT when answered.</param>
public readonly record struct SeriesSample(DateTimeOffset Time, string? Site, double? RttMs);
