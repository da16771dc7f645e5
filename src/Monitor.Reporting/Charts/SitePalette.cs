using ScottPlot;

namespace Monitor.Reporting.Charts;

/// <summary>
/// One colour per site for a whole report, assigned once: the sites serving the most vantage points
/// first, from palettes made for colour-blind readers (Okabe–Ito, then Paul Tol's muted scheme).
/// "No answer" and "unknown site" have reserved colours no site gets. Past the palette's colours,
/// colours repeat, which is why every chart also names its sites in text.
/// </summary>
internal sealed class SitePalette
{
    // Okabe & Ito (2008) without black, then Tol's "muted" (2021) without its grey.
    private static readonly string[] Hex =
    [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
        "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
    ];

    private static readonly Color[] Colors = [.. Hex.Select(Color.FromHex)];
    private readonly Dictionary<string, Color> _colors;
    private readonly HashSet<string> _unknown;

    /// <param name="sitesByWeight">Site codes, most important first (each gets the next colour).</param>
    /// <param name="unknown">Sites that stand for an identity no rule placed: drawn in <see cref="Unknown"/>.</param>
    public SitePalette(IEnumerable<string> sitesByWeight, IEnumerable<string>? unknown = null)
    {
        _unknown = new HashSet<string>(unknown ?? [], StringComparer.Ordinal);
        _colors = new Dictionary<string, Color>(StringComparer.Ordinal);
        foreach (var site in sitesByWeight)
        {
            if (!_unknown.Contains(site) && !_colors.ContainsKey(site))
            {
                _colors.Add(site, Colors[_colors.Count % Colors.Length]);
            }
        }
    }

    /// <summary>The reserved colour of probes without an answer (near black; no site gets it).</summary>
    public static Color Lost => Color.FromHex("#1A1A1A");

    /// <summary>The reserved colour of an unknown site (light grey; no site gets it).</summary>
    public static Color Unknown => Color.FromHex("#BBBBBB");

    /// <summary>How many colours the palette has before they repeat.</summary>
    public static int Distinct => Colors.Length;

    /// <summary>The sites with their own colour, in the order they were given.</summary>
    public IEnumerable<string> Sites => _colors.Keys;

    /// <summary>True when the site has no place: drawn in <see cref="Unknown"/>.</summary>
    public bool IsUnknown(string site) => _unknown.Contains(site);

    /// <summary>The site's colour; <see cref="Unknown"/> for an unknown or unlisted site, <see cref="Lost"/> for null.</summary>
    public Color this[string? site] => site is null ? Lost : _colors.TryGetValue(site, out var c) ? c : Unknown;

    /// <summary>The colour as CSS <c>#rrggbb</c>.</summary>
    public string Css(string? site) => this[site].ToHex()[..7];
}
