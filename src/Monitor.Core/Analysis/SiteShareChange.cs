namespace Monitor.Core.Analysis;

/// <summary>A site's share of a target's vantage points in two windows.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Site">The site.</param>
/// <param name="ShareBefore">Share in the baseline window, 0–1.</param>
/// <param name="ShareAfter">Share in the window analysed, 0–1.</param>
public sealed record SiteShareChange(string TargetId, string Site, double ShareBefore, double ShareAfter);
