namespace Monitor.Core.Analysis;

/// <summary>A vantage point whose dominant site for a target differs between two windows.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Before">Its dominant site in the baseline window, or null when it had no answers there.</param>
/// <param name="After">Its dominant site in the window analysed, or null when it had no answers there.</param>
public sealed record CatchmentChange(string TargetId, string VantageId, string? Before, string? After);
