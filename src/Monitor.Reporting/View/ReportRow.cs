namespace Monitor.Reporting.View;

/// <summary>One row of the report's grid and small multiples: a vantage point, or a group of them.</summary>
/// <param name="Key">The vantage point id or the group's label.</param>
/// <param name="Label">What the row is called on the page (with the place for a vantage point).</param>
/// <param name="Continent">The row's continent code when it has one (for the "remote site" mark).</param>
/// <param name="Vantages">The vantage points in the row.</param>
internal sealed record ReportRow(string Key, string Label, string? Continent, IReadOnlyList<string> Vantages);
