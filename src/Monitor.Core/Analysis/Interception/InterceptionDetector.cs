using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Interception;

/// <summary>
/// Flags answers from an anycast service that possibly did not come from its operator: a resolver or
/// middlebox on the vantage point's path answering in its place (RIPE Atlas shows it for 8.8.8.8 and
/// OpenDNS). Fed regular measurements of anycast targets in any order, it compares, per target, each
/// vantage point with the others:
/// <list type="bullet">
/// <item><b>Foreign identity</b>: most of the vantage point's answers carry an identity whose
/// <see cref="IdentityShape"/> differs from the shape a strict majority of vantage points see (when that
/// majority sees no identity at all, any identity is foreign).</item>
/// <item><b>Rcode</b>: the rcode it gets most differs from the rcode the other vantage points get most.</item>
/// <item><b>Below the physical floor</b>: its lowest RTT is below 2 × the great-circle distance to the
/// nearest of the operator's sites ÷ 200 km/ms (<see cref="FibrePhysics"/>); the sites are those the
/// operator-shaped identities resolve to, where a position is known.</item>
/// </list>
/// A target needs answers from at least <see cref="MinimumVantages"/> vantage points to be judged. The
/// physical floor needs the vantage point's position; those without one are listed as not checked.
/// Memory grows with the (target, vantage point) pairs, not with the measurements.
/// </summary>
public sealed class InterceptionDetector
{
    /// <summary>Fewer vantage points than this with answers from a target say nothing about its operator.</summary>
    public const int MinimumVantages = 3;

    private const int MaxIdentitiesPerShape = 256;

    private readonly SiteResolver _sites;
    private readonly Dictionary<string, TargetState> _targets = new(StringComparer.Ordinal);

    /// <summary>Creates a detector.</summary>
    /// <param name="sites">Resolves operator identities to sites with positions.</param>
    public InterceptionDetector(SiteResolver sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _sites = sites;
    }

    /// <summary>
    /// Adds one measurement. Only answered, regular probes count; the caller passes only anycast
    /// targets (a unicast server has one operator node by definition).
    /// </summary>
    public void Add(Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        if (measurement.Outcome != ProbeOutcome.Answered || measurement.Kind != ProbeKind.Regular)
        {
            return;
        }

        Add(measurement.TargetId, measurement.VantageId, [(measurement.Identity, 1)], new Dictionary<int, int> { [measurement.Rcode ?? -1] = 1 }, measurement.Rtt?.TotalMilliseconds);
    }

    /// <summary>Adds the answered regular probes of one series at once, as <see cref="SeriesView"/> counts them.</summary>
    /// <param name="series">The series' view.</param>
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (identities, rcodes, minRttMs) = series.Interception;
        if (identities.Count > 0)
        {
            Add(series.TargetId, series.VantageId, identities, rcodes, minRttMs);
        }
    }

    /// <summary>
    /// Adds answers of one vantage point from one target: each identity with how many answers carried it, in
    /// the order identities first answered (which decides the examples kept), answers per rcode (−1: none)
    /// and the smallest RTT.
    /// </summary>
    private void Add(string targetId, string vantageId, IReadOnlyList<(ObservedIdentity Identity, int Answers)> identities, IReadOnlyDictionary<int, int> rcodes, double? minRttMs)
    {
        if (!_targets.TryGetValue(targetId, out var target))
        {
            target = new TargetState();
            _targets[targetId] = target;
        }

        if (!target.Vantages.TryGetValue(vantageId, out var vantage))
        {
            vantage = new VantageState();
            target.Vantages[vantageId] = vantage;
        }

        foreach (var (rcode, count) in rcodes)
        {
            Increment(vantage.Rcodes, rcode, count);
            Increment(target.Rcodes, rcode, count);
        }

        foreach (var (observed, count) in identities)
        {
            var identity = Primary(observed);
            var shape = IdentityShape.Of(identity?.Text);
            vantage.Answers += count;
            Increment(vantage.Shapes, shape, count);
            if (identity is null)
            {
                continue;
            }

            vantage.WithIdentity += count;
            vantage.Examples.TryAdd(shape, identity.Text);
            if (!target.IdentitiesByShape.TryGetValue(shape, out var seen))
            {
                seen = [];
                target.IdentitiesByShape[shape] = seen;
            }

            if (seen.Count < MaxIdentitiesPerShape)
            {
                seen.Add(observed);
            }
        }

        if (minRttMs is { } rtt && (vantage.MinRttMs is null || rtt < vantage.MinRttMs))
        {
            vantage.MinRttMs = rtt;
        }
    }

    /// <summary>Judges every target.</summary>
    /// <param name="vantages">The vantage points by id, for their positions; a missing one has none.</param>
    public InterceptionReport Detect(IReadOnlyDictionary<string, VantagePoint> vantages)
    {
        ArgumentNullException.ThrowIfNull(vantages);
        var findings = new List<InterceptionFinding>();
        var targets = new List<InterceptionTarget>();
        foreach (var (targetId, target) in _targets.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (target.Vantages.Count < MinimumVantages)
            {
                continue;
            }

            var dominantShapes = target.Vantages.ToDictionary(v => v.Key, v => Dominant(v.Value.Shapes, StringComparer.Ordinal), StringComparer.Ordinal);
            var votes = dominantShapes.Values.GroupBy(s => s, StringComparer.Ordinal)
                .Select(g => (Shape: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Shape, StringComparer.Ordinal)
                .First();
            var operatorShape = votes.Count * 2 > target.Vantages.Count ? votes.Shape : null;
            var operatorExample = operatorShape is null ? null : target.Vantages.Values.Select(v => v.Examples.GetValueOrDefault(operatorShape)).FirstOrDefault(e => e is not null);
            var operatorSites = OperatorSites(target, operatorShape);
            var withoutLocation = new List<string>();
            var flagged = 0;
            foreach (var (vantageId, vantage) in target.Vantages.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var reasons = InterceptionReasons.None;
                var shape = dominantShapes[vantageId] ?? IdentityShape.NoIdentity;

                // Foreign identity: most of its identity-bearing answers are of another shape.
                var ownShape = Dominant(vantage.Shapes.Where(s => s.Key != IdentityShape.NoIdentity).ToDictionary(), StringComparer.Ordinal);
                if (operatorShape is not null && vantage.WithIdentity > 0)
                {
                    var foreign = vantage.WithIdentity - (operatorShape == IdentityShape.NoIdentity ? 0 : vantage.Shapes.GetValueOrDefault(operatorShape));
                    if (foreign * 2 > vantage.WithIdentity)
                    {
                        reasons |= InterceptionReasons.ForeignIdentity;
                    }
                }

                // Rcode: its most frequent against the others' most frequent.
                var rcode = Dominant(vantage.Rcodes, Comparer<int>.Default);
                var others = target.Rcodes.ToDictionary(r => r.Key, r => r.Value - vantage.Rcodes.GetValueOrDefault(r.Key));
                int? othersRcode = others.Values.Any(c => c > 0) ? Dominant(others.Where(o => o.Value > 0).ToDictionary(), Comparer<int>.Default) : null;
                if (othersRcode is { } o && o != rcode)
                {
                    reasons |= InterceptionReasons.Rcode;
                }

                // Physical floor to the nearest operator site.
                double? floor = null;
                double? distance = null;
                string? nearest = null;
                var vp = vantages.GetValueOrDefault(vantageId);
                if (vp?.Latitude is not { } lat || vp.Longitude is not { } lon)
                {
                    withoutLocation.Add(vantageId);
                }
                else if (operatorSites.Count > 0)
                {
                    var closest = operatorSites.Select(s => (Site: s, Km: FibrePhysics.DistanceKm(lat, lon, s.Latitude!.Value, s.Longitude!.Value)))
                        .OrderBy(s => s.Km).ThenBy(s => s.Site.Code, StringComparer.Ordinal).First();
                    distance = closest.Km;
                    nearest = closest.Site.Code;
                    floor = FibrePhysics.MinimumRttMs(closest.Km);
                    if (vantage.MinRttMs < floor)
                    {
                        reasons |= InterceptionReasons.BelowPhysicalFloor;
                    }
                }

                if (reasons == InterceptionReasons.None)
                {
                    continue;
                }

                flagged++;
                var identity = ownShape is null ? null : vantage.Examples.GetValueOrDefault(ownShape);
                findings.Add(new InterceptionFinding(
                    targetId,
                    vantageId,
                    reasons,
                    vantage.Answers,
                    identity,
                    ownShape ?? shape,
                    operatorShape,
                    operatorExample,
                    rcode < 0 ? null : rcode,
                    othersRcode is null or < 0 ? null : othersRcode,
                    vantage.MinRttMs,
                    floor,
                    nearest,
                    distance));
            }

            targets.Add(new InterceptionTarget(
                targetId,
                target.Vantages.Count,
                operatorShape,
                operatorExample,
                Dominant(target.Rcodes, Comparer<int>.Default) is var d && d >= 0 ? (int?)d : null,
                [.. operatorSites.Select(s => s.Code)],
                withoutLocation,
                flagged));
        }

        return new InterceptionReport(findings, targets);
    }

    private List<Site> OperatorSites(TargetState target, string? operatorShape)
    {
        if (operatorShape is null || !target.IdentitiesByShape.TryGetValue(operatorShape, out var identities))
        {
            return [];
        }

        return [.. identities.Select(_sites.Resolve)
            .Where(s => s.Latitude is not null && s.Longitude is not null)
            .DistinctBy(s => s.Code, StringComparer.Ordinal)
            .OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// NSID first, then <c>id.server</c>, then <c>hostname.bind</c>, as the analysis reads identities; an
    /// empty one (an empty NSID option is what NSID-capable software sends when none is configured)
    /// names nobody and counts as none.
    /// </summary>
    private static IdentityValue? Primary(ObservedIdentity identity) =>
        NonEmpty(identity.Nsid) ?? NonEmpty(identity.IdServer) ?? NonEmpty(identity.HostnameBind);

    private static IdentityValue? NonEmpty(IdentityValue? value) => value is { Raw.Length: > 0 } ? value : null;

    private static T? Dominant<T>(Dictionary<T, int> counts, IComparer<T> order)
        where T : notnull =>
        counts.Count == 0 ? default : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, order).First().Key;

    private static void Increment<T>(Dictionary<T, int> counts, T key, int by)
        where T : notnull => counts[key] = counts.GetValueOrDefault(key) + by;

    private sealed class TargetState
    {
        public Dictionary<string, VantageState> Vantages { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, int> Rcodes { get; } = [];

        public Dictionary<string, HashSet<ObservedIdentity>> IdentitiesByShape { get; } = new(StringComparer.Ordinal);
    }

    private sealed class VantageState
    {
        public int Answers { get; set; }

        public int WithIdentity { get; set; }

        public Dictionary<int, int> Rcodes { get; } = [];

        public Dictionary<string, int> Shapes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Examples { get; } = new(StringComparer.Ordinal);

        public double? MinRttMs { get; set; }
    }
}
