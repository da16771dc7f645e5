namespace Monitor.Reporting.Charts;

/// <summary>How the small multiples' column headings are set.</summary>
/// <param name="Upright">True when turned a quarter turn to read upwards (the columns are too narrow for them across).</param>
/// <param name="TwoLines">True when the provider has a line of its own beside (or under) the target.</param>
/// <param name="Height">The height of the headings' band in points.</param>
internal readonly record struct ColumnHeadings(bool Upright, bool TwoLines, float Height);
