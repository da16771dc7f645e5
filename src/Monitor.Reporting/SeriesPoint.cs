namespace Monitor.Reporting;

/// <summary>One probe of a series, as the charts need it.</summary>
/// <param name="At">When it was sent, UTC.</param>
/// <param name="RttMs">RTT in ms when answered, else null.</param>
/// <param name="Site">The site code that answered; null when unanswered.</param>
public readonly record struct SeriesPoint(DateTimeOffset At, double? RttMs, string? Site);
