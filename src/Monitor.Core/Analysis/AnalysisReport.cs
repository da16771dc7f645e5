using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Analysis.Zones;

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
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Failovers: answers that stopped and resumed from another site, per vantage point and target
    /// (regular and burst probes). A gap back on the same site is in <see cref="Outages"/>.
    /// </summary>
    public IReadOnlyList<Failover> Failovers { get; init; } = [];

    /// <summary>Outages: answers that stopped and resumed from the same site (not failovers), per vantage point and target.</summary>
    public IReadOnlyList<Failover> Outages { get; init; } = [];

    /// <summary>Median RTT per provider and region (continent and country of the vantage points).</summary>
    public IReadOnlyList<RegionalLatency> Consistency { get; init; } = [];

    /// <summary>Per provider and level, the spread of its regional medians, ranked.</summary>
    public IReadOnlyList<ConsistencySpread> ConsistencySpread { get; init; } = [];

    /// <summary>Serving site versus nearest site, per vantage point and target with per-site addresses.</summary>
    public IReadOnlyList<PathInflation> Inflation { get; init; } = [];

    /// <summary>Per target with per-site addresses, the share of vantage points on their nearest site.</summary>
    public IReadOnlyList<NearestSite> Nearest { get; init; } = [];

    /// <summary>Per target, the steering seen: anycast, GeoDNS, both or unicast.</summary>
    public IReadOnlyList<TargetSteering> Steering { get; init; } = [];

    /// <summary>Per target and site, the SOA serials served over time (targets whose main query is SOA).</summary>
    public IReadOnlyList<SoaSerialRun> SoaSerials { get; init; } = [];

    /// <summary>Sites that served an older SOA serial than the newest seen at their target for longer than the threshold.</summary>
    public IReadOnlyList<SoaLag> SoaLag { get; init; } = [];

    /// <summary>Host-name targets that a vantage point found at another address.</summary>
    public IReadOnlyList<AddressChange> AddressChanges { get; init; } = [];

    /// <summary>Per provider, the four anycast promises side by side.</summary>
    public IReadOnlyList<ProviderPromises> Promises { get; init; } = [];

    /// <summary>Latency and catchment grouped by country, continent or AS; null without <c>--group-by</c>.</summary>
    public Grouping.VantageGroupingReport? Grouped { get; init; }

    /// <summary>Possibly intercepted answers from anycast targets, with the evidence, and what could not be checked.</summary>
    public Interception.InterceptionReport Interception { get; init; } = new([], []);

    /// <summary>How sure the site engine was of each site code: confidence and evidence, by code.</summary>
    public IReadOnlyDictionary<string, SiteIdentification> SiteIdentifications { get; init; } = new Dictionary<string, SiteIdentification>(StringComparer.Ordinal);

    /// <summary>Low-confidence and unknown identities with their answers (most first); low ones are out of the catchment shares.</summary>
    public IReadOnlyList<UncertainIdentity> UncertainIdentities { get; init; } = [];
}
