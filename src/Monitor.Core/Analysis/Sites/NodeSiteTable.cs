using System.Globalization;
using System.Text;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// A dated snapshot of operators' published node lists — root-servers.org's site list of every root
/// letter, embedded from <c>probes/data/root-sites.csv</c> (see <c>probes/data/README.md</c>). A further
/// layer for <see cref="SiteEngine"/>, never its only method: an identity the list names exactly is read
/// from it; everything else goes through conventions and the generic method. Immutable; thread-safe.
/// </summary>
public sealed class NodeSiteTable
{
    /// <summary>The header the CSV starts with.</summary>
    public const string Header = "letter,identifier,code,town,country,latitude,longitude";

    /// <summary>When the embedded snapshot was taken (root-servers.org, as committed upstream).</summary>
    public const string SnapshotDate = "2025-07-03";

    private const string ResourceName = "Monitor.Core.root-sites.csv";

    private static readonly Lazy<NodeSiteTable> DefaultTable = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, NodeSite> _byIdentifier;
    private readonly Dictionary<string, NodeSite> _byShape;
    private readonly Dictionary<(string Operator, string Identifier), NodeSite> _byOperator;

    private NodeSiteTable(List<NodeSite> sites)
    {
        _byOperator = sites.ToDictionary(s => (s.Operator, s.Identifier));
        // An identifier two operators both list names no single site by itself.
        _byIdentifier = sites.GroupBy(s => s.Identifier, StringComparer.Ordinal).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Nodes of one site differ in their numbers (tojp1, tojp2 …): a shape whose every listed
        // identifier is one town names that town for a node the snapshot does not list yet. Shapes are
        // kept only when specific (a first label of at least four letters, or a short one such as "a#",
        // which every site has, followed by a location: see Specific), and also cut to the first label and
        // the next, for short forms (sgsg2.droot).
        var shapes = new Dictionary<string, List<NodeSite>>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            foreach (var shape in Shapes(site.Identifier))
            {
                if (!shapes.TryGetValue(shape, out var list))
                {
                    shapes[shape] = list = [];
                }

                list.Add(site);
            }
        }

        _byShape = shapes
            .Where(kv => kv.Value.All(s => s.Town == kv.Value[0].Town && s.Country == kv.Value[0].Country))
            .ToDictionary(kv => kv.Key, kv => kv.Value[0], StringComparer.Ordinal);
    }

    /// <summary>The embedded snapshot.</summary>
    public static NodeSiteTable Default => DefaultTable.Value;

    /// <summary>No node list: only conventions and the generic method.</summary>
    public static NodeSiteTable Empty { get; } = new([]);

    /// <summary>Identifiers in the table.</summary>
    public int Count => _byOperator.Count;

    /// <summary>The site an identity names exactly (case ignored, a trailing dot ignored), or null.</summary>
    public NodeSite? Find(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var key = identity.TrimEnd('.').ToLowerInvariant();
        return _byIdentifier.GetValueOrDefault(key);
    }

    /// <summary>
    /// The site of a node the list does not name but whose identifier differs from listed ones of a single
    /// site only in its numbers (a host letter after a number counts as part of it), or is their first two labels (<c>tojp4.droot.maxgigapop.net</c> when
    /// <c>tojp1</c>…<c>tojp3</c> are listed in Tokyo); null otherwise.
    /// </summary>
    public (NodeSite Site, string Shape)? FindSameSite(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        foreach (var shape in Shapes(identity.TrimEnd('.').ToLowerInvariant()))
        {
            if (_byShape.TryGetValue(shape, out var site))
            {
                return (site, shape);
            }
        }

        return null;
    }

    private static IEnumerable<string> Shapes(string identifier)
    {
        if (identifier.Length > 255)
        {
            yield break;
        }

        var sb = new StringBuilder(identifier.Length);
        for (var i = 0; i < identifier.Length; i++)
        {
            if (char.IsAsciiDigit(identifier[i]))
            {
                if (sb.Length == 0 || sb[^1] != '#')
                {
                    sb.Append('#');
                }

                // A host letter after the node number (a1d, ams1b) is part of the number.
                if (i + 1 < identifier.Length && char.IsAsciiLetter(identifier[i + 1]) &&
                    (i + 2 == identifier.Length || identifier[i + 2] is '.' or '-' or '_'))
                {
                    i++;
                }
            }
            else
            {
                sb.Append(identifier[i]);
            }
        }

        var full = sb.ToString();
        if (Specific(full))
        {
            yield return full;
        }

        var dot = full.IndexOf('.', StringComparison.Ordinal);
        var second = dot < 0 ? -1 : full.IndexOf('.', dot + 1);
        if (second > 0 && Specific(full[..second]))
        {
            yield return full[..second];
        }
    }

    /// <summary>
    /// A shape specific enough to stand for one site: a first label of at least four letters (<c>tojp#</c>),
    /// or a short first label (<c>a#</c>, <c>ns#</c>, which every site has) followed by labels that carry at least
    /// six letters more (<c>a#.us-mnz.root</c>, <c>ns#.nl-ams</c>).
    /// </summary>
    private static bool Specific(string shape)
    {
        var dot = shape.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? shape : shape[..dot];
        var firstLetters = first.Count(char.IsAsciiLetter);
        return firstLetters >= 4 || (dot > 0 && shape.Count(char.IsAsciiLetter) - firstLetters >= 6);
    }

    /// <summary>The site one operator lists under an identifier (e.g. I-root's <c>sth</c>), or null.</summary>
    public NodeSite? Find(string op, string identifier)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(identifier);
        return _byOperator.GetValueOrDefault((op, identifier.ToLowerInvariant()));
    }

    /// <summary>Reads the CSV (<see cref="Header"/>; a town may be quoted, RFC 4180).</summary>
    /// <exception cref="FormatException">A line is malformed.</exception>
    public static NodeSiteTable Parse(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = csv.ReadLine();
        if (header is null || !string.Equals(header.TrimStart('\uFEFF').TrimEnd(), Header, StringComparison.Ordinal))
        {
            throw new FormatException($"line 1: expected the header '{Header}'");
        }

        var sites = new List<NodeSite>();
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = AirportTable.SplitFields(line, lineNumber);
            if (f.Count != 7 ||
                !double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
                !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                throw new FormatException($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: expected {Header}");
            }

            sites.Add(new NodeSite(f[0], f[1].ToLowerInvariant(), f[2].ToUpperInvariant(), f[3], f[4].ToUpperInvariant(), lat, lon));
        }

        return new NodeSiteTable(sites);
    }

    private static NodeSiteTable LoadDefault()
    {
        using var stream = typeof(NodeSiteTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
