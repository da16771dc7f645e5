namespace Monitor.Core.Analysis.Routing;

/// <summary>What the classifier found in one series.</summary>
/// <param name="Changes">Shifts, flapping episodes, outages and transients, in time order.</param>
/// <param name="Warnings">Things that could not be decided, e.g. a new site seen too few times at the window's end.</param>
public sealed record SeriesClassification(IReadOnlyList<RouteChange> Changes, IReadOnlyList<string> Warnings);
