namespace Monitor.Core.Analysis.Promises;

/// <summary>One provider's median RTT as seen from one region (a continent or a country).</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Level">"continent" or "country".</param>
/// <param name="Region">The continent code (e.g. EU) or the country code (e.g. NL).</param>
/// <param name="Vantages">Vantage points in the region with answers from the provider.</param>
/// <param name="P50Ms">Median RTT over their answers pooled, ms.</param>
public sealed record RegionalLatency(string Provider, string Level, string Region, int Vantages, double P50Ms);
