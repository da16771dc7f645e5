using System.Globalization;

using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis;

/// <summary>
/// Turns raw measurements into catchment, latency, route changes and events. Measurements must
/// arrive grouped by series — vantage point, then target, then time — so that each series is
/// classified and dropped before the next: memory holds one series plus the RTTs the percentiles need.
/// </summary>
public sealed class Analyzer
{
    /// <summary>Clock offsets beyond this are warned about: they misplace shifts and events in time.</summary>
    public static readonly TimeSpan ClockSkewLimit = TimeSpan.FromSeconds(1);

    /// <summary>The site code of answers that carried no identity.</summary>
    public const string NoIdentity = "(no identity)";

    private readonly Func<ObservedIdentity, Site> _resolveSite;
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
    {
        _resolveSite = resolveSite ?? throw new ArgumentNullException(nameof(resolveSite));
        _providers = providers ?? throw new ArgumentNullException(nameof(providers));
        _vantages = vantages ?? throw new ArgumentNullException(nameof(vantages));
        _options = options ?? new RouteOptions();
    }

    /// <summary>
    /// Analyses measurements ordered by vantage point, target and time. Regular probes make the
    /// statistics; burst probes join them only for failovers, site probes only for path inflation.
    /// </summary>
    /// <exception cref="ArgumentException">The measurements are not in series order.</exception>
    public async Task<AnalysisReport> AnalyzeAsync(IAsyncEnumerable<Measurement> bySeries, AnalysisWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bySeries);
        ArgumentNullException.ThrowIfNull(window);
        var state = new State(this);
        var series = new List<Measurement>();
        (string Vantage, string Target)? key = null;
        var seen = new HashSet<(string, string)>();
        await foreach (var m in bySeries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            state.Count++;
            var k = (m.VantageId, m.TargetId);
            if (key != k)
            {
                if (key is { } done)
                {
                    state.AddSeries(done.Vantage, done.Target, series);
                    series.Clear();
                }

                if (!seen.Add(k))
                {
                    throw new ArgumentException($"Measurements are not grouped by series: {k} came back after another series.", nameof(bySeries));
                }

                key = k;
            }

            series.Add(m);
        }

        if (key is { } last)
        {
            state.AddSeries(last.Vantage, last.Target, series);
        }

        return state.Finish(window);
    }

    private string Provider(string targetId) => _providers.TryGetValue(targetId, out var p) && p.Length > 0 ? p : targetId;

    /// <summary>Probes sent and RTTs of answers, pooled for percentiles.</summary>
    private sealed class Pool
    {
        public int Sent { get; private set; }

        public List<double> Rtts { get; } = [];

        public static Pool For<TKey>(Dictionary<TKey, Pool> pools, TKey key)
            where TKey : notnull
        {
            if (!pools.TryGetValue(key, out var pool))
            {
                pool = new Pool();
                pools[key] = pool;
            }

            return pool;
        }

        public void Add(int sent, List<double> rtts)
        {
            Sent += sent;
            Rtts.AddRange(rtts);
        }
    }

    private sealed class State(Analyzer owner)
    {
        private readonly Dictionary<ObservedIdentity, Site> _sites = [];
        private readonly List<CatchmentShare> _catchment = [];
        private readonly List<LatencyRow> _latency = [];
        private readonly List<RouteChange> _changes = [];
        private readonly List<string> _warnings = [];
        private readonly Dictionary<string, Pool> _byTarget = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Provider, string Vantage), Pool> _byProviderVantage = [];
        private readonly Dictionary<(string Target, string Site), List<string>> _siteVantages = [];
        private readonly Dictionary<string, Site> _siteInfo = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Knowable, int Optimal)> _optimal = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unparsed = new(StringComparer.Ordinal);
        private readonly List<Failover> _failovers = [];
        private readonly List<PathInflation> _inflation = [];
        private readonly Dictionary<string, (int Vantages, HashSet<string> Sites, HashSet<string> Answers)> _steering = new(StringComparer.Ordinal);

        public long Count { get; set; }

        public void AddSeries(string vantageId, string targetId, List<Measurement> all)
        {
            var provider = owner.Provider(targetId);
            var series = all.TrueForAll(m => m.Kind == ProbeKind.Regular) ? all : all.FindAll(m => m.Kind == ProbeKind.Regular);
            _failovers.AddRange(FailoverDetector.Find(
                targetId,
                vantageId,
                all.Where(m => m.Kind != ProbeKind.Site).Select(m => (m.Started, FailoverDetector.IsGood(m) ? SiteOf(m.Identity).Code : null)),
                owner._options.FailoverMinLost));
            if (series.Count == 0)
            {
                return;
            }

            var samples = new List<SeriesSample>(series.Count);
            var perSite = new Dictionary<string, (int Sent, List<double> Rtts, Dictionary<string, int> Identities)>(StringComparer.Ordinal);
            string? current = null;
            var pendingFailures = 0;
            foreach (var m in series)
            {
                if (!m.IsAnswered)
                {
                    samples.Add(new SeriesSample(m.Started, null, null));
                    if (current is null)
                    {
                        pendingFailures++;
                    }
                    else
                    {
                        var s = perSite[current];
                        perSite[current] = (s.Sent + 1, s.Rtts, s.Identities);
                    }

                    continue;
                }

                var site = SiteOf(m.Identity);
                var rtt = m.Rtt?.TotalMilliseconds;
                samples.Add(new SeriesSample(m.Started, site.Code, rtt));
                if (!perSite.TryGetValue(site.Code, out var entry))
                {
                    entry = (0, [], new Dictionary<string, int>(StringComparer.Ordinal));
                }

                // Failures before the first answer count against the first site seen.
                entry = (entry.Sent + 1 + pendingFailures, entry.Rtts, entry.Identities);
                pendingFailures = 0;
                if (rtt is { } r)
                {
                    entry.Rtts.Add(r);
                }

                var label = m.Identity.IsEmpty ? NoIdentity : m.Identity.ToString();
                entry.Identities[label] = entry.Identities.GetValueOrDefault(label) + 1;
                perSite[site.Code] = entry;
                current = site.Code;
            }

            var classification = SeriesClassifier.Classify(targetId, vantageId, samples, owner._options);
            _changes.AddRange(classification.Changes);
            _warnings.AddRange(classification.Warnings);

            var allRtts = perSite.Values.SelectMany(v => v.Rtts).ToList();
            Pool.For(_byTarget, targetId).Add(series.Count, allRtts);
            Pool.For(_byProviderVantage, (provider, vantageId)).Add(series.Count, allRtts);

            if (pendingFailures > 0)
            {
                // Nothing answered at all: the loss belongs to no site.
                _latency.Add(new LatencyRow(targetId, provider, vantageId, null, LatencySummary.From(pendingFailures, [])));
            }

            var answers = perSite.Values.Sum(v => v.Identities.Values.Sum());
            var dominant = perSite.OrderByDescending(kv => kv.Value.Identities.Values.Sum()).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).FirstOrDefault();
            var medians = new List<(string Site, double P50)>();
            double? dominantP50 = null;
            foreach (var (code, value) in perSite.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var count = value.Identities.Values.Sum();
                var identity = value.Identities.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
                _catchment.Add(new CatchmentShare(targetId, vantageId, code, identity, count, answers == 0 ? 0 : (double)count / answers, code == dominant));
                var summary = LatencySummary.FromUnsorted(value.Sent, value.Rtts);
                _latency.Add(new LatencyRow(targetId, provider, vantageId, code, summary));
                if (summary.P50Ms is { } p50)
                {
                    medians.Add((code, p50));
                    dominantP50 = code == dominant ? p50 : dominantP50;
                }

                CheckPhysics(vantageId, targetId, code, summary.MinMs);
            }

            if (dominant is not null)
            {
                var list = _siteVantages.GetValueOrDefault((targetId, dominant)) ?? [];
                list.Add(vantageId);
                _siteVantages[(targetId, dominant)] = list;
            }

            if (dominant is not null && dominantP50 is { } servingMs && all.Exists(m => m.Kind == ProbeKind.Site))
            {
                AddInflation(targetId, provider, vantageId, dominant, servingMs, all);
            }

            AddSteering(targetId, dominant, series);

            if (medians.Count >= 2 && dominant is not null)
            {
                var best = medians.MinBy(l => l.P50).Site;
                var o = _optimal.GetValueOrDefault(targetId);
                _optimal[targetId] = (o.Knowable + 1, o.Optimal + (best == dominant ? 1 : 0));
            }
        }

        private void AddInflation(string targetId, string provider, string vantageId, string serving, double servingMs, List<Measurement> all)
        {
            // Per site probed on its own address: the median RTT of good answers and the site they name.
            var best = all.Where(m => m.Kind == ProbeKind.Site && m.SiteId is not null && FailoverDetector.IsGood(m) && m.Rtt is not null)
                .GroupBy(m => m.SiteId!, StringComparer.Ordinal)
                .Select(g =>
                {
                    var rtts = g.Select(m => m.Rtt!.Value.TotalMilliseconds).Order().ToList();
                    var named = g.Where(m => !m.Identity.IsEmpty).GroupBy(m => SiteOf(m.Identity).Code, StringComparer.Ordinal)
                        .OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Key).FirstOrDefault();
                    return (Site: named ?? g.Key, P50: Percentiles.OfSorted(rtts, 0.5));
                })
                .OrderBy(x => x.P50).ThenBy(x => x.Site, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Site is not null)
            {
                _inflation.Add(new PathInflation(targetId, provider, vantageId, serving, best.Site, servingMs, best.P50));
            }
        }

        private void AddSteering(string targetId, string? dominant, List<Measurement> series)
        {
            if (!_steering.TryGetValue(targetId, out var entry))
            {
                entry = (0, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                _steering[targetId] = entry;
            }

            if (dominant is null)
            {
                return;
            }

            if (dominant != NoIdentity)
            {
                entry.Sites.Add(dominant);
            }

            var answers = series.Where(m => m.Answers is not null && FailoverDetector.IsGood(m)).GroupBy(m => m.Answers!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            if (answers is not null)
            {
                entry.Answers.Add(answers);
            }

            _steering[targetId] = (entry.Vantages + 1, entry.Sites, entry.Answers);
        }

        public AnalysisReport Finish(AnalysisWindow window)
        {
            var sites = _siteVantages
                .Select(kv =>
                {
                    var total = _siteVantages.Where(o => o.Key.Target == kv.Key.Target).Sum(o => o.Value.Count);
                    var info = _siteInfo.GetValueOrDefault(kv.Key.Site);
                    return new SiteCatchment(kv.Key.Target, kv.Key.Site, info?.City, info?.Country, [.. kv.Value.Order(StringComparer.Ordinal)], (double)kv.Value.Count / total);
                })
                .OrderBy(s => s.TargetId, StringComparer.Ordinal).ThenByDescending(s => s.Vantages.Count).ThenBy(s => s.Site, StringComparer.Ordinal)
                .ToList();
            var targetLatency = _byTarget
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new LatencyRow(kv.Key, owner.Provider(kv.Key), null, null, LatencySummary.FromUnsorted(kv.Value.Sent, kv.Value.Rtts)))
                .ToList();
            foreach (var vp in owner._vantages.Values.Where(v => v.ClockOffset is { } o && o.Duration() > ClockSkewLimit).OrderBy(v => v.Id, StringComparer.Ordinal))
            {
                _warnings.Add(string.Create(CultureInfo.InvariantCulture, $"clock: {vp.Id} is {vp.ClockOffset!.Value.TotalMilliseconds:0} ms off the database server's clock; its measurement times are shifted by that much"));
            }

            foreach (var code in _unparsed.Order(StringComparer.Ordinal))
            {
                _warnings.Add($"unparsed identity: {code} (no site rule matched; it stands for its own site)");
            }

            var (regions, spreads) = Promises.Consistency.Compute(
                _byProviderVantage.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value.Rtts),
                owner._vantages,
                Continents.Default.Of);
            var steering = _steering.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Where(kv => kv.Value.Vantages > 0)
                .Select(kv => new TargetSteering(kv.Key, owner.Provider(kv.Key), kv.Value.Vantages, kv.Value.Sites.Count, kv.Value.Answers.Count))
                .ToList();
            var failovers = _failovers.OrderBy(f => f.FirstOk).ThenBy(f => f.TargetId, StringComparer.Ordinal).ThenBy(f => f.VantageId, StringComparer.Ordinal).ToList();
            var p50ByProvider = _byProviderVantage.GroupBy(kv => kv.Key.Provider, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => LatencySummary.FromUnsorted(g.Sum(kv => kv.Value.Sent), [.. g.SelectMany(kv => kv.Value.Rtts)]).P50Ms,
                StringComparer.Ordinal);
            var inflation = _inflation.OrderBy(i => i.TargetId, StringComparer.Ordinal).ThenBy(i => i.VantageId, StringComparer.Ordinal).ToList();
            return new AnalysisReport(
                window,
                Count,
                _catchment.OrderBy(c => c.TargetId, StringComparer.Ordinal).ThenBy(c => c.VantageId, StringComparer.Ordinal).ThenByDescending(c => c.Share).ToList(),
                sites,
                _latency.OrderBy(l => l.TargetId, StringComparer.Ordinal).ThenBy(l => l.VantageId, StringComparer.Ordinal).ThenBy(l => l.Site, StringComparer.Ordinal).ToList(),
                targetLatency,
                RankProviders(),
                _changes.OrderBy(c => c.At).ThenBy(c => c.TargetId, StringComparer.Ordinal).ThenBy(c => c.VantageId, StringComparer.Ordinal).ToList(),
                EventGrouper.Group(_changes, owner._options),
                _optimal.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new OptimalCatchment(kv.Key, kv.Value.Knowable, kv.Value.Optimal)).ToList(),
                _warnings)
            {
                Failovers = failovers,
                Consistency = regions,
                ConsistencySpread = spreads,
                Inflation = inflation,
                Nearest = [.. inflation.GroupBy(i => i.TargetId, StringComparer.Ordinal).Select(g => new NearestSite(
                    g.Key,
                    g.Count(),
                    g.Count(i => i.OnNearest),
                    Percentiles.OfSorted([.. g.Select(i => i.InflationMs).Order()], 0.5)))],
                Steering = steering,
                Promises = ProviderPromises.From(p50ByProvider, spreads, failovers, inflation, steering, owner.Provider),
            };
        }

        private List<ProviderRank> RankProviders()
        {
            var providers = _byProviderVantage.Keys.Select(k => k.Provider).Distinct(StringComparer.Ordinal).ToList();
            if (providers.Count == 0)
            {
                return [];
            }

            // Only vantage points that got answers from every provider make the comparison fair.
            var common = _byProviderVantage.Where(kv => kv.Value.Rtts.Count > 0).GroupBy(kv => kv.Key.Vantage, StringComparer.Ordinal)
                .Where(g => g.Count() == providers.Count).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            if (common.Count == 0)
            {
                _warnings.Add("providers not ranked: no vantage point has answers from every provider");
                return [];
            }

            var ranked = providers.Select(p =>
            {
                var parts = common.Select(v => _byProviderVantage[(p, v)]).ToList();
                return (Provider: p, Latency: LatencySummary.FromUnsorted(parts.Sum(x => x.Sent), [.. parts.SelectMany(x => x.Rtts)]));
            })
            .OrderBy(x => x.Latency.P50Ms ?? double.MaxValue).ThenBy(x => x.Latency.LossPercent).ThenBy(x => x.Provider, StringComparer.Ordinal)
            .ToList();
            return [.. ranked.Select((x, i) => new ProviderRank(i + 1, x.Provider, common.Count, x.Latency))];
        }

        private Site SiteOf(ObservedIdentity identity)
        {
            if (identity.IsEmpty)
            {
                return new Site(NoIdentity, null, null, null, null, false);
            }

            if (!_sites.TryGetValue(identity, out var site))
            {
                site = owner._resolveSite(identity);
                _sites[identity] = site;
                _siteInfo.TryAdd(site.Code, site);
                if (!site.Parsed)
                {
                    _unparsed.Add(site.Code);
                }
            }

            return site;
        }

        private void CheckPhysics(string vantageId, string targetId, string code, double? minRttMs)
        {
            if (minRttMs is not { } rtt || !owner._vantages.TryGetValue(vantageId, out var vp) ||
                vp.Latitude is not { } vlat || vp.Longitude is not { } vlon ||
                !_siteInfo.TryGetValue(code, out var site) || site.Latitude is not { } slat || site.Longitude is not { } slon)
            {
                return;
            }

            var km = FibrePhysics.DistanceKm(vlat, vlon, slat, slon);
            var floor = FibrePhysics.MinimumRttMs(km);
            if (rtt < floor)
            {
                _warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"physics: {vantageId} → {targetId} via {code}: min RTT {rtt:0.000} ms is below the {floor:0.000} ms light in fibre needs for {km:0} km (200 km/ms one way): interception or a mislabelled site?"));
            }
        }
    }
}
