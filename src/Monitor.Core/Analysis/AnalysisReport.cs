using Monitor.Core.Analysis.Routing;

namespace Monitor.Core.Analysis;

/// <summary>Everything <see cref="Analyzer"/> found in a window.</summary>
/// <param name="Window">The window analysed.</param>
/// <param name="Measurements">Measurements read.</param>
/// <param name="Catchment">Site shares per target and vantage point.</param>
/// <param name="Sites">Per target and site, the vantage points in its catchment.</param>
/// <param name="Latency">Per target, vantage point and site.</param>
/// <param name="TargetLatency">Per target over all vantage points.</param>
/// <param name="Providers">Providers ranked over common vantage points.</param>
/// <param name="Changes">Shifts, flapping, outages and transients.</param>
/// <param name="Events">Shifts grouped across vantage points.</param>
/// <param name="Optimal">Optimal-catchment scores per target.</param>
/// <param name="Warnings">Physics violations, undecidable edges, unparsed identities.</param>
public sealed record AnalysisReport(
    AnalysisWindow Window,
    long Measurements,
    IReadOnlyList<CatchmentShare> Catchment,
    IReadOnlyList<SiteCatchment> Sites,
    IReadOnlyList<LatencyRow> Latency,
    IReadOnlyList<LatencyRow> TargetLatency,
    IReadOnlyList<ProviderRank> Providers,
    IReadOnlyList<RouteChange> Changes,
    IReadOnlyList<ShiftEvent> Events,
    IReadOnlyList<OptimalCatchment> Optimal,
    IReadOnlyList<string> Warnings);
