using System.Globalization;

using Monitor.Core.Analysis.Catchment;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Interception;
using Monitor.Core.Analysis.Latency;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Analysis.Zones;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis;

/// <summary>
/// Turns raw measurements into catchment, latency, route changes and events. Measurements must
/// arrive grouped by series — vantage point, then target, then time — as <see cref="ColumnarSeries"/>
/// (or measurements, turned into them), so that each series is classified and dropped soon after: memory
/// holds the series in flight plus the RTTs the percentiles need (4 bytes an answer). Each series becomes
/// one <see cref="SeriesView"/>, built in parallel with others, that every finding's
/// <see cref="ISeriesAggregator"/> reads in series order; the analyzer itself only schedules the series
/// and checks their order.
/// </summary>
public sealed class Analyzer
{
    /// <summary>Clock offsets beyond this are warned about: they misplace shifts and events in time.</summary>
    public static readonly TimeSpan ClockSkewLimit = TimeSpan.FromSeconds(1);

    /// <summary>The site code of answers that carried no identity.</summary>
    public const string NoIdentity = "(no identity)";

    private readonly Func<ObservedIdentity, string?, PhysicsContext?, SiteIdentification> _identify;
    private readonly IReadOnlyDictionary<string, string> _providers;
    private readonly IReadOnlyDictionary<string, VantagePoint> _vantages;
    private readonly RouteOptions _options;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="resolveSite">Identity to site; called once per distinct identity.</param>
    /// <param name="providers">Target id to provider; unknown targets are their own provider.</param>
    /// <param name="vantages">Vantage points by id, for the physics check.</param>
    /// <param name="options">Classifier and event rules.</param>
    public Analyzer(
        Func<ObservedIdentity, Site> resolveSite,
        IReadOnlyDictionary<string, string> providers,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        RouteOptions? options = null)
        : this(SiteTable.FromResolver(resolveSite ?? throw new ArgumentNullException(nameof(resolveSite))), providers, vantages, options)
    {
    }

    /// <summary>Creates an analyzer that reads identities with the site engine.</summary>
    /// <param name="engine">
    /// The engine; each series' identities are read with the target's provider and checked by physics
    /// from the vantage point's position and the smallest RTT that carried them.
    /// </param>
    /// <param name="providers">Target id to provider; unknown targets are their own provider.</param>
    /// <param name="vantages">Vantage points by id, for the physics checks.</param>
    /// <param name="options">Classifier and event rules.</param>
    public Analyzer(
        SiteEngine engine,
        IReadOnlyDictionary<string, string> providers,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        RouteOptions? options = null)
        : this((engine ?? throw new ArgumentNullException(nameof(engine))).Identify, providers, vantages, options)
    {
    }

    private Analyzer(
        Func<ObservedIdentity, string?, PhysicsContext?, SiteIdentification> identify,
        IReadOnlyDictionary<string, string> providers,
        IReadOnlyDictionary<string, VantagePoint> vantages,
        RouteOptions? options)
    {
        _identify = identify;
        _providers = providers ?? throw new ArgumentNullException(nameof(providers));
        _vantages = vantages ?? throw new ArgumentNullException(nameof(vantages));
        _options = options ?? new RouteOptions();
    }

    /// <summary>
    /// Analyses measurements ordered by vantage point, target and time. Regular probes make the
    /// statistics; burst probes join them only for failovers, site probes only for path inflation.
    /// Each series is turned into columns (<see cref="ColumnarSeries.ReadAsync"/>) and analysed as
    /// <see cref="AnalyzeAsync(IAsyncEnumerable{ColumnarSeries}, AnalysisWindow, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">The measurements are not in series order.</exception>
    public Task<AnalysisReport> AnalyzeAsync(IAsyncEnumerable<Measurement> bySeries, AnalysisWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bySeries);
        return AnalyzeAsync(ColumnarSeries.ReadAsync(bySeries, new IdentityTable(), cancellationToken), window, cancellationToken);
    }

    /// <summary>
    /// Analyses series given as columns, each series once, all sharing one <see cref="IdentityTable"/>. Views
    /// of several series are built at once on the thread pool (both cores while the source reads the next
    /// series); aggregators take them one by one in the source's order, so the report is the same as a
    /// sequential analysis' to the last warning. A series handed over must not change afterwards (hand over a
    /// new instance per series).
    /// </summary>
    /// <exception cref="ArgumentException">A series comes twice, or series of different identity tables.</exception>
    public async Task<AnalysisReport> AnalyzeAsync(IAsyncEnumerable<ColumnarSeries> bySeries, AnalysisWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bySeries);
        ArgumentNullException.ThrowIfNull(window);
        var findings = new Findings(this);
        var seen = new HashSet<(string, string)>();
        var pending = new Queue<Task<SeriesView>>();
        var inFlight = Math.Max(2, Environment.ProcessorCount * 2);
        long count = 0;
        try
        {
            await foreach (var series in bySeries.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                ArgumentNullException.ThrowIfNull(series);
                var key = (series.VantageId, series.TargetId);
                if (!seen.Add(key))
                {
                    throw new ArgumentException($"Measurements are not grouped by series: {key} came back after another series.", nameof(bySeries));
                }

                count += series.Count;
                findings.Bind(series.Identities);
                pending.Enqueue(Task.Run(() => findings.Prepare(series), cancellationToken));
                while (pending.Count >= inFlight)
                {
                    findings.Add(await pending.Dequeue().ConfigureAwait(false));
                }
            }

            while (pending.Count > 0)
            {
                findings.Add(await pending.Dequeue().ConfigureAwait(false));
            }
        }
        finally
        {
            // Views still being built when reading failed: wait for them, so none outlives the call.
            await Task.WhenAll(pending).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        return findings.Finish(window, count);
    }

    /// <summary>
    /// Latency and catchment also grouped by country, continent or AS (<see cref="AnalysisReport.Grouped"/>);
    /// <see cref="VantageGrouping.Vantage"/> (the default) adds nothing.
    /// </summary>
    public VantageGrouping Grouping { get; init; } = VantageGrouping.Vantage;

    /// <summary>Targets known to be unicast: the interception check judges anycast targets only.</summary>
    public IReadOnlySet<string> UnicastTargets { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Resolves identities to sites for the interception check's operator sites.</summary>
    public SiteResolver? InterceptionSites { get; init; }

    private string Provider(string targetId) => _providers.TryGetValue(targetId, out var p) && p.Length > 0 ? p : targetId;

    /// <summary>
    /// The aggregators of one analysis, each fed the same view of every series. Their order is the
    /// order of the warnings: route classification before physics within a series.
    /// </summary>
    private sealed class Findings
    {
        private readonly Analyzer _owner;
        private readonly SiteTable _sites;
        private readonly List<string> _warnings = [];
        private readonly FailoverAggregator _failovers;
        private readonly RouteChangeAggregator _changes;
        private readonly EventAggregator _events;
        private readonly LatencyAggregator _latency;
        private readonly CatchmentAggregator _catchment = new();
        private readonly PhysicsAggregator _physics;
        private readonly InflationAggregator _inflation = new();
        private readonly SteeringAggregator _steering;
        private readonly OptimalCatchmentAggregator _optimal = new();
        private readonly ConsistencyAggregator _consistency;
        private readonly GroupingAggregator? _grouping;
        private readonly InterceptionDetector _interception;
        private readonly SoaLagAggregator _soa;
        private readonly AddressChangeAggregator _addresses = new();
        private readonly ISeriesAggregator[] _all;

        public Findings(Analyzer owner)
        {
            _owner = owner;
            _sites = new SiteTable(owner._identify);
            _failovers = new FailoverAggregator(owner._options.FailoverMinLost);
            _changes = new RouteChangeAggregator(owner._options, _warnings);
            _events = new EventAggregator(_changes, owner._options);
            _latency = new LatencyAggregator(owner.Provider, _warnings);
            _physics = new PhysicsAggregator(_warnings);
            _steering = new SteeringAggregator(owner.Provider);
            _consistency = new ConsistencyAggregator(_latency, owner._vantages);
            _grouping = owner.Grouping == VantageGrouping.Vantage ? null : new GroupingAggregator(owner.Grouping, owner.Provider);
            _interception = new InterceptionDetector(owner.InterceptionSites ?? SiteResolver.CreateDefault());
            _soa = new SoaLagAggregator(owner._options.SoaLagThreshold);
            _all = [_failovers, _changes, _events, _latency, _catchment, _physics, _inflation, _steering, _optimal, _consistency, _soa, _addresses, .. _grouping is null ? Array.Empty<ISeriesAggregator>() : [_grouping]];
        }

        public void Bind(IdentityTable identities) => _sites.Bind(identities);

        /// <summary>Builds a series' view and what aggregators compute of it alone; safe on any thread.</summary>
        public SeriesView Prepare(ColumnarSeries series)
        {
            var view = SeriesView.Build(series, _owner.Provider(series.TargetId), _owner._vantages.GetValueOrDefault(series.VantageId), _sites);
            view.Classify(_owner._options);
            view.Failovers(_owner._options.FailoverMinLost);
            return view;
        }

        /// <summary>Hands a view to every aggregator; one view at a time, in series order.</summary>
        public void Add(SeriesView view)
        {
            view.Commit();
            foreach (var aggregator in _all)
            {
                aggregator.Add(view);
            }

            if (!_owner.UnicastTargets.Contains(view.TargetId))
            {
                _interception.Add(view);
            }
        }

        public AnalysisReport Finish(AnalysisWindow window, long count)
        {
            // The summaries below read the pools sorted: sorted here side by side, not one after another.
            LatencyPool.SortAll(_latency.Pools);
            var sites = _catchment.Sites();
            var targetLatency = _latency.TargetRows();
            foreach (var vp in _owner._vantages.Values.Where(v => v.ClockOffset is { } o && o.Duration() > ClockSkewLimit).OrderBy(v => v.Id, StringComparer.Ordinal))
            {
                _warnings.Add(string.Create(CultureInfo.InvariantCulture, $"clock: {vp.Id} is {vp.ClockOffset!.Value.TotalMilliseconds:0} ms off the database server's clock; its measurement times are shifted by that much"));
            }

            foreach (var code in _sites.Unparsed)
            {
                _warnings.Add($"unparsed identity: {code} (no site rule matched; it stands for its own site)");
            }

            var interception = _interception.Detect(_owner._vantages);
            var unlocated = interception.Targets.SelectMany(t => t.VantagesWithoutLocation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (unlocated.Count > 0)
            {
                _warnings.Add($"without location: {unlocated.Count} vantage point(s) have no position, so the physics check, path inflation and the interception floor skipped them: {Listed(unlocated)}");
            }

            if (_grouping?.Unknown() is { Count: > 0 } unknown)
            {
                _warnings.Add($"group-by {VantageGroups.Name(_grouping.Grouping)}: {unknown.Count} vantage point(s) without one are grouped as {VantageGroups.Unknown}: {Listed(unknown)}");
            }

            var (regions, spreads) = _consistency.Compute();
            var steering = _steering.Steering();
            var failovers = _failovers.Failovers();
            var outages = _failovers.Outages();
            var inflation = _inflation.Inflation();
            var providers = _latency.RankProviders();
            var (serials, lags) = _soa.Compute();
            return new AnalysisReport(
                window,
                count,
                _catchment.Shares(),
                sites,
                _latency.Rows(),
                targetLatency,
                providers,
                _changes.Changes(),
                _events.Events(),
                _optimal.Optimal(),
                _warnings)
            {
                Failovers = failovers,
                Outages = outages,
                Consistency = regions,
                ConsistencySpread = spreads,
                Inflation = inflation,
                Nearest = InflationAggregator.Nearest(inflation),
                Steering = steering,
                SoaSerials = serials,
                SoaLag = lags,
                AddressChanges = _addresses.Changes(),
                Promises = ProviderPromises.From(_latency.P50ByProvider(), spreads, failovers, inflation, steering, _owner.Provider, outages),
                Grouped = _grouping is null ? null : new VantageGroupingReport(_grouping.Grouping, _grouping.Latency(), _grouping.Catchment(), _grouping.Unknown()),
                Interception = interception,
                SiteIdentifications = _catchment.Identifications(),
                UncertainIdentities = _catchment.Uncertain(),
            };
        }

        private static string Listed(IReadOnlyList<string> ids) =>
            ids.Count <= 20 ? string.Join(", ", ids) : string.Join(", ", ids.Take(20)) + string.Create(CultureInfo.InvariantCulture, $", … ({ids.Count - 20} more)");
    }
}
