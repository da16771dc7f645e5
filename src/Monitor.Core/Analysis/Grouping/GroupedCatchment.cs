namespace Monitor.Core.Analysis.Grouping;

/// <summary>Of a group's vantage points, how many have a site of one target as their dominant site.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Group">The group.</param>
/// <param name="Site">The site code.</param>
/// <param name="Vantages">Vantage points of the group whose dominant site it is.</param>
/// <param name="Share">Their share of the group's vantage points that reached the target, 0–1.</param>
public sealed record GroupedCatchment(string TargetId, string Group, string Site, int Vantages, double Share);
