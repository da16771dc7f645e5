namespace Monitor.Core.Analysis;

/// <summary>
/// How many vantage points are served by their lowest-RTT site, where that can be known: a vantage
/// point that reached two or more sites in the window, compared by median RTT per site.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="Knowable">Vantage points that reached two or more sites.</param>
/// <param name="Optimal">Of those, the ones whose dominant site has the lowest median RTT.</param>
public sealed record OptimalCatchment(string TargetId, int Knowable, int Optimal)
{
    /// <summary>Optimal / knowable, or null when nothing is knowable.</summary>
    public double? Share => Knowable == 0 ? null : (double)Optimal / Knowable;
}
