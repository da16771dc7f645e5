using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// Identity to site for one analysis: each distinct identity is resolved once and given a small
/// index (0 is the site of answers without an identity), so that columns of a series can hold
/// indexes instead of strings. Every <see cref="Site"/> the analysis uses is made here.
/// </summary>
public sealed class SiteTable
{
    private readonly Func<ObservedIdentity, Site> _resolve;
    private readonly Dictionary<ObservedIdentity, int> _index = [];
    private readonly List<Site> _sites = [new Site(Analyzer.NoIdentity, null, null, null, null, false)];
    private readonly Dictionary<string, Site> _byCode = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unparsed = new(StringComparer.Ordinal);

    /// <summary>Creates the table.</summary>
    /// <param name="resolve">Identity to site; called once per distinct identity.</param>
    public SiteTable(Func<ObservedIdentity, Site> resolve) => _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));

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
            var site = _resolve(identity);
            index = _sites.Count;
            _sites.Add(site);
            _index[identity] = index;
            _byCode.TryAdd(site.Code, site);
            if (!site.Parsed)
            {
                _unparsed.Add(site.Code);
            }
        }

        return index;
    }

    /// <summary>The site an identity names (<see cref="Analyzer.NoIdentity"/> when it is empty).</summary>
    public Site Resolve(ObservedIdentity identity) => _sites[IndexOf(identity)];

    /// <summary>The first site resolved under a code (its place), or null; never the no-identity site.</summary>
    public Site? ByCode(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Codes of identities no site rule matched, in ordinal order.</summary>
    public IEnumerable<string> Unparsed => _unparsed.Order(StringComparer.Ordinal);
}
