using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// One series (a vantage point's probes of one target, in time order) as every aggregator reads it,
/// computed once: the site run of its regular probes, per-site tallies, the dominant site, its RTTs,
/// and the burst and site probes the failover and path-inflation findings need. Sites are resolved
/// through the analysis' <see cref="SiteTable"/>, once per distinct identity.
/// </summary>
/// <remarks>
/// The view exposes columns (lists indexed by probe or by site), not measurement objects, except for
/// the site probes; a store that reads series as arrays (start µs, RTT µs, outcome, identity id) can
/// fill it without making one object per row.
/// </remarks>
public sealed class SeriesView
{
    private Dictionary<ObservedIdentity, Site> _siteOf = [];
    private Dictionary<string, SiteConfidence> _confidence = new(StringComparer.Ordinal);

    private SeriesView(string vantageId, string targetId, string provider, VantagePoint? vantage, SiteTable sites)
    {
        VantageId = vantageId;
        TargetId = targetId;
        Provider = provider;
        Vantage = vantage;
        SiteTable = sites;
    }

    /// <summary>The vantage point's id.</summary>
    public string VantageId { get; }

    /// <summary>The target's id.</summary>
    public string TargetId { get; }

    /// <summary>The target's provider (the target id when none is known).</summary>
    public string Provider { get; }

    /// <summary>The vantage point, when the store knows it (location, clock offset).</summary>
    public VantagePoint? Vantage { get; }

    /// <summary>The analysis' identity-to-site table.</summary>
    public SiteTable SiteTable { get; }

    /// <summary>Regular probes in the series; the statistics are made of these alone.</summary>
    public int Count => Samples.Count;

    /// <summary>Each regular probe in time order: when, the site that answered (null: none), the RTT.</summary>
    public IReadOnlyList<SeriesSample> Samples { get; private set; } = [];

    /// <summary>RTTs (ms) of the answered regular probes.</summary>
    public IReadOnlyList<double> Rtts { get; private set; } = [];

    /// <summary>Failures of a series in which nothing answered: they belong to no site.</summary>
    public int Unattributed { get; private set; }

    /// <summary>Per site that answered, in ordinal order of the code.</summary>
    public IReadOnlyList<SiteTally> Sites { get; private set; } = [];

    /// <summary>The site with the most answers (ties: ordinal first), or null when nothing answered.</summary>
    public SiteTally? Dominant { get; private set; }

    /// <summary>The answer set (RDATA) seen most often in good regular answers, or null.</summary>
    public string? DominantAnswers { get; private set; }

    /// <summary>Regular and burst probes in time order: when, and the site of a good answer (else null).</summary>
    public IReadOnlyList<(DateTimeOffset Started, string? Site)> FailoverProbes { get; private set; } = [];

    /// <summary>Every answer of any kind that carried an SOA serial: when, the site (identity, else the probed site), the serial.</summary>
    public IReadOnlyList<(DateTimeOffset Started, string Site, uint Serial)> Serials { get; private set; } = [];

    /// <summary>The address each regular probe went to, in time order, where recorded (a host-name target's may change).</summary>
    public IReadOnlyList<(DateTimeOffset Started, System.Net.IPAddress Address)> Addresses { get; private set; } = [];

    /// <summary>Probes sent to one site's own address (path inflation), in time order.</summary>
    public IReadOnlyList<Measurement> SiteProbes { get; private set; } = [];

    /// <summary>Builds the view of one series.</summary>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="targetId">The target.</param>
    /// <param name="provider">The target's provider.</param>
    /// <param name="vantage">The vantage point's record, if known.</param>
    /// <param name="all">Every probe of the series, any kind, in time order.</param>
    /// <param name="sites">Identity to site.</param>
    public static SeriesView Of(string vantageId, string targetId, string provider, VantagePoint? vantage, List<Measurement> all, SiteTable sites)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(sites);
        var view = new SeriesView(vantageId, targetId, provider, vantage, sites);
        view.ResolveIdentities(all);

        // Good answers of regular and burst probes name their site first (the table keeps the first
        // place seen per code, so the order sites are met in is part of the result).
        var failover = new List<(DateTimeOffset, string?)>(all.Count);
        List<Measurement>? siteProbes = null;
        List<(DateTimeOffset, string, uint)>? serials = null;
        List<(DateTimeOffset, System.Net.IPAddress)>? addresses = null;
        foreach (var m in all)
        {
            if (m.SoaSerial is { } serial && m.IsAnswered)
            {
                var site = !m.Identity.IsEmpty ? sites.Resolve(m.Identity).Code : m.SiteId ?? Analyzer.NoIdentity;
                (serials ??= []).Add((m.Started, site, (uint)serial));
            }

            if (m.Kind == ProbeKind.Regular && m.Address is { } address)
            {
                (addresses ??= []).Add((m.Started, address));
            }

            if (m.Kind == ProbeKind.Site)
            {
                (siteProbes ??= []).Add(m);
                continue;
            }

            failover.Add((m.Started, FailoverDetector.IsGood(m) ? view.SiteOf(m.Identity).Code : null));
        }

        view.FailoverProbes = failover;
        view.Serials = serials ?? [];
        view.Addresses = addresses ?? [];
        view.SiteProbes = siteProbes ?? [];
        var regular = all.TrueForAll(m => m.Kind == ProbeKind.Regular) ? all : all.FindAll(m => m.Kind == ProbeKind.Regular);
        if (regular.Count > 0)
        {
            view.AddRegular(regular);
        }

        return view;
    }

    /// <summary>
    /// Reads each distinct identity of the series once, with the target's provider and, where the vantage
    /// point's position is known, the smallest RTT of the answers that carried it, so the site engine can
    /// reject places light could not have reached in that time.
    /// </summary>
    private void ResolveIdentities(List<Measurement> all)
    {
        var minRtt = new Dictionary<ObservedIdentity, double>();
        foreach (var m in all)
        {
            if (m.Kind != ProbeKind.Site && m.IsAnswered && !m.Identity.IsEmpty && m.Rtt is { } rtt)
            {
                var ms = rtt.TotalMilliseconds;
                if (!minRtt.TryGetValue(m.Identity, out var known) || ms < known)
                {
                    minRtt[m.Identity] = ms;
                }
            }
        }

        _siteOf = new Dictionary<ObservedIdentity, Site>(minRtt.Count);
        _confidence = new Dictionary<string, SiteConfidence>(minRtt.Count, StringComparer.Ordinal);
        foreach (var (identity, rtt) in minRtt)
        {
            var physics = Vantage is { Latitude: { } lat, Longitude: { } lon } ? new PhysicsContext(lat, lon, rtt) : null;
            var identification = SiteTable.Identify(identity, Provider, physics);
            _siteOf[identity] = identification.Site;
            if (!_confidence.TryGetValue(identification.Site.Code, out var known) || identification.Confidence > known)
            {
                _confidence[identification.Site.Code] = identification.Confidence;
            }
        }
    }

    /// <summary>
    /// How sure the engine was of a site in this series (its most confident identity here), or null for a
    /// site met only without an RTT; <see cref="SiteTable.Identification"/> has the analysis-wide reading.
    /// </summary>
    public SiteConfidence? Confidence(string code) => _confidence.TryGetValue(code, out var c) ? c : SiteTable.Identification(code)?.Confidence;

    /// <summary>True when a site may count in this series' catchment shares: anything but a low-confidence guess.</summary>
    public bool Counts(string code) => Confidence(code) != SiteConfidence.Low;

    /// <summary>The site an identity names in this series (physics-checked when it could be).</summary>
    private Site SiteOf(ObservedIdentity identity) =>
        _siteOf.TryGetValue(identity, out var site) ? site : SiteTable.Resolve(identity, Provider, null);

    private void AddRegular(List<Measurement> series)
    {
        var samples = new List<SeriesSample>(series.Count);
        var perSite = new Dictionary<string, (int Sent, List<double> Rtts, Dictionary<string, int> Identities, Site Site)>(StringComparer.Ordinal);
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
                    perSite[current] = (s.Sent + 1, s.Rtts, s.Identities, s.Site);
                }

                continue;
            }

            var site = SiteOf(m.Identity);
            var rtt = m.Rtt?.TotalMilliseconds;
            samples.Add(new SeriesSample(m.Started, site.Code, rtt));
            if (!perSite.TryGetValue(site.Code, out var entry))
            {
                entry = (0, [], new Dictionary<string, int>(StringComparer.Ordinal), site);
            }

            // Failures before the first answer count against the first site seen.
            entry = (entry.Sent + 1 + pendingFailures, entry.Rtts, entry.Identities, entry.Site);
            pendingFailures = 0;
            if (rtt is { } r)
            {
                entry.Rtts.Add(r);
            }

            var label = m.Identity.IsEmpty ? Analyzer.NoIdentity : m.Identity.ToString();
            entry.Identities[label] = entry.Identities.GetValueOrDefault(label) + 1;
            perSite[site.Code] = entry;
            current = site.Code;
        }

        Samples = samples;
        Unattributed = pendingFailures;
        Rtts = [.. perSite.Values.SelectMany(v => v.Rtts)];
        Sites = [.. perSite.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new SiteTally(
            kv.Value.Site,
            kv.Value.Sent,
            kv.Value.Identities.Values.Sum(),
            kv.Value.Identities.OrderByDescending(i => i.Value).ThenBy(i => i.Key, StringComparer.Ordinal).First().Key,
            LatencySummary.FromUnsorted(kv.Value.Sent, kv.Value.Rtts)))];
        Dominant = Sites.OrderByDescending(s => s.Answers).ThenBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault();
        DominantAnswers = series.Where(m => m.Answers is not null && FailoverDetector.IsGood(m)).GroupBy(m => m.Answers!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
    }
}
