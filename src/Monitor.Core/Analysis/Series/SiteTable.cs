using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// Identity to site for one analysis: each distinct identity is resolved once and given a small
/// index (0 is the site of answers without an identity), so that columns of a series can hold
/// indexes instead of strings. Every <see cref="Site"/> the analysis uses is made here, and the
/// table keeps how sure the site engine was of each code (<see cref="Identification"/>).
/// </summary>
public sealed class SiteTable
{
    private static readonly Site NoIdentitySite = new(Analyzer.NoIdentity, null, null, null, null, false);

    private readonly Func<ObservedIdentity, string?, PhysicsContext?, SiteIdentification> _identify;
    private readonly Dictionary<ObservedIdentity, int> _index = [];
    private readonly List<Site> _sites = [NoIdentitySite];
    private readonly Dictionary<string, Site> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteIdentification> _identifications = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unparsed = new(StringComparer.Ordinal);
    private readonly IdCache<Site> _plain = new();
    private readonly IdCache<string> _labels = new();
    private IdentityTable? _identities;

    /// <summary>Creates the table from a plain resolver (a parsed site counts as high confidence).</summary>
    /// <param name="resolve">Identity to site; called once per distinct identity.</param>
    public SiteTable(Func<ObservedIdentity, Site> resolve)
        : this(FromResolver(resolve ?? throw new ArgumentNullException(nameof(resolve))))
    {
    }

    /// <summary>Creates the table from the site engine, e.g. <see cref="SiteEngine.Identify(ObservedIdentity, string?, PhysicsContext?)"/>.</summary>
    /// <param name="identify">Identity, the target's provider and the physics context to an identification.</param>
    public SiteTable(Func<ObservedIdentity, string?, PhysicsContext?, SiteIdentification> identify) =>
        _identify = identify ?? throw new ArgumentNullException(nameof(identify));

    /// <summary>
    /// The identity table whose ids <see cref="ColumnarSeries"/> of this analysis hold: the one the first series
    /// came with, or a new one when series are made from measurements.
    /// </summary>
    public IdentityTable Identities => _identities ??= new IdentityTable();

    /// <summary>Binds the table to the identity table of the series it reads; one analysis reads one identity table.</summary>
    /// <exception cref="ArgumentException">Series of another identity table were read already.</exception>
    internal void Bind(IdentityTable identities)
    {
        _identities ??= identities;
        if (!ReferenceEquals(_identities, identities))
        {
            throw new ArgumentException("Every series of one analysis must share one identity table.", nameof(identities));
        }
    }

    /// <summary>
    /// The site an identity id names without provider or physics (as <see cref="Resolve(ObservedIdentity)"/>),
    /// made once per id and safe from several threads; it notes nothing: <see cref="Commit"/> does, in series order.
    /// </summary>
    internal Site PlainSite(int identityId) => _plain.Get(identityId, id => _identify(Identities[id], null, null).Site);

    /// <summary>How the analysis writes an identity id (<see cref="Analyzer.NoIdentity"/> for none), made once per id.</summary>
    internal string Label(int identityId) => identityId == IdentityTable.None ? Analyzer.NoIdentity : _labels.Get(identityId, id => Identities[id].ToString());

    /// <summary>As <see cref="Identify"/>, without noting anything, so that it is safe from several threads.</summary>
    internal SiteIdentification IdentifyQuietly(ObservedIdentity identity, string? provider, PhysicsContext? physics) =>
        identity.IsEmpty ? new SiteIdentification(NoIdentitySite, SiteConfidence.Unknown, null, new ValueList<string>([]), "no identity") : _identify(identity, provider, physics);

    /// <summary>
    /// Notes what one series' view resolved, in the order it resolved it, as if it had been resolved here:
    /// a plain resolution of an identity id (<see cref="IndexOf"/>), or an identification. Views are built in
    /// parallel and committed in series order, so the first place kept per code is the same as one by one.
    /// </summary>
    internal void Commit(IReadOnlyList<(int PlainIdentityId, SiteIdentification? Identification)> notes)
    {
        foreach (var (plain, identification) in notes)
        {
            if (identification is not null)
            {
                Note(identification);
            }
            else
            {
                IndexOf(Identities[plain]);
            }
        }
    }

    /// <summary>The site at an index from <see cref="IndexOf"/>.</summary>
    public Site this[int index] => _sites[index];

    /// <summary>The index of an identity's site; resolves the identity the first time it is seen.</summary>
    public int IndexOf(ObservedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.IsEmpty)
        {
            return 0;
        }

        if (!_index.TryGetValue(identity, out var index))
        {
            var site = Note(_identify(identity, null, null));
            index = _sites.Count;
            _sites.Add(site);
            _index[identity] = index;
        }

        return index;
    }

    /// <summary>
    /// The site an identity names for one series: read with the target's provider and, when the vantage
    /// point's position and the minimum RTT are known, checked by physics. Not cached here (the engine caches
    /// its reading; a series view keeps its own per-identity results).
    /// </summary>
    public Site Resolve(ObservedIdentity identity, string? provider, PhysicsContext? physics) => Identify(identity, provider, physics).Site;

    /// <summary>As <see cref="Resolve(ObservedIdentity, string?, PhysicsContext?)"/>, with the confidence and evidence.</summary>
    public SiteIdentification Identify(ObservedIdentity identity, string? provider, PhysicsContext? physics)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var identification = IdentifyQuietly(identity, provider, physics);
        if (!identity.IsEmpty)
        {
            Note(identification);
        }

        return identification;
    }

    /// <summary>How sure the engine was of a code: the most confident identification seen for it, or null.</summary>
    public SiteIdentification? Identification(string code) => _identifications.GetValueOrDefault(code);

    /// <summary>The most confident identification per code, in ordinal order.</summary>
    public IReadOnlyDictionary<string, SiteIdentification> Identifications =>
        _identifications.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>A plain resolver as an identification: a parsed site is high confidence, an unparsed one unknown.</summary>
    internal static Func<ObservedIdentity, string?, PhysicsContext?, SiteIdentification> FromResolver(Func<ObservedIdentity, Site> resolve) =>
        (identity, _, _) => resolve(identity) is var site && site.Parsed
            ? new SiteIdentification(site, SiteConfidence.High, null, new ValueList<string>([]), null)
            : new SiteIdentification(site, SiteConfidence.Unknown, null, new ValueList<string>([]), "no site rule matched");

    private Site Note(SiteIdentification identification)
    {
        var site = identification.Site;

        // The first place per code, but a parsed site's over an unparsed one's: an unknown whose text spells a
        // site's code must not take that site's place, whichever series came first.
        if (!_byCode.TryGetValue(site.Code, out var first) || (site.Parsed && !first.Parsed))
        {
            _byCode[site.Code] = site;
        }

        if (!_identifications.TryGetValue(site.Code, out var known) || identification.Confidence > known.Confidence)
        {
            _identifications[site.Code] = identification;
        }

        if (!site.Parsed && identification.Claimed is null)
        {
            _unparsed.Add(site.Code);
        }

        return site;
    }

    /// <summary>The site an identity names (<see cref="Analyzer.NoIdentity"/> when it is empty).</summary>
    public Site Resolve(ObservedIdentity identity) => _sites[IndexOf(identity)];

    /// <summary>The first site resolved under a code (its place; a parsed one before an unparsed one), or null; never the no-identity site.</summary>
    public Site? ByCode(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// Codes of identities no site rule matched, in ordinal order. Not those physics rejected for a vantage point
    /// (<see cref="SiteIdentification.Claimed"/>): a rule matched them, and the physics check reports them.
    /// </summary>
    public IEnumerable<string> Unparsed => _unparsed.Order(StringComparer.Ordinal);
}
