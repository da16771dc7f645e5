using System.Globalization;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// The generic method of <see cref="SiteEngine"/>: reads every token of an identity against the reference
/// tables and scores each reading by the shape it sits in and its position. Scores at or above
/// <see cref="GenericThreshold"/> are low-confidence readings; physics may lift one to medium.
/// </summary>
internal sealed class GenericReader(SiteReference reference)
{
    /// <summary>Generic readings scoring below this stay unknown.</summary>
    internal const double GenericThreshold = 0.4;

    /// <summary>
    /// Words of DNS host names that are also IATA codes, never read as places by the generic method or by
    /// a bare-code convention of another provider (<c>res</c> is Resistencia, <c>pop</c> Puerto Plata).
    /// </summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "biz", "www", "dns", "res", "pop", "cdn", "srv", "ns",
        "web", "app", "api", "rtr", "gtw", "gwy", "lan", "wan", "vpn", "nat", "isp", "adm", "mgt", "dev", "prd",
        "tst", "stg", "lab", "sys", "usr", "dyn", "ptr", "rev", "one", "two", "new", "old", "top", "sub", "all",
        "any", "the", "and", "for", "hub", "ntp", "pub", "rec", "ans", "fwd", "ext", "loc", "ctr", "std", "bak",
        "tcp", "udp", "ssl", "tls", "dot", "doh", "nsd", "kdc", "cns", "dhcp", "fw", "gw", "vip", "cpe", "bng",
        "bgp", "rr", "lb", "ha", "dc", "ip", "ipv", "bind", "host",
        "node", "auth", "edge", "core", "root", "ripe", "anchor", "atlas", "resolver", "recursor", "unbound",
        "cache", "local", "localdomain", "server", "mail", "name", "main", "test", "prod", "backup", "primary",
        "secondary", "master", "slave", "public", "private", "internal", "external", "anycast", "unicast",
        "sec", "pri", "alt", "box", "vps", "vm", "kvm", "lxc", "dsl", "adsl", "ftth", "gpon", "ont", "olt",
        "cmts", "bras", "pppoe", "ctl", "mon", "log", "win", "lin", "nix", "bsd", "gnu", "lnx", "red", "blue",
        "green", "black", "white", "gold", "silver", "star", "sun", "moon", "sky", "air", "fox", "cat", "inc", "ltd", "llc",
        "usa", "eur", "apac", "emea", "east", "west", "north", "south", "central",
        "dog", "bee", "ant", "owl", "ape", "eel", "elk", "emu", "hen", "pig", "rat", "yak", "zoo",
    };

    /// <summary>Top-level labels after which the registered domain (the label before) is not a place.</summary>
    private static readonly HashSet<string> GenericTlds = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "arpa", "name", "pro", "aero", "coop",
        "museum", "mobi", "asia", "tel", "travel", "jobs", "cat", "xyz", "online", "site", "tech", "cloud", "io",
        "dev", "app", "network", "systems", "services", "host", "hosting", "local", "localdomain", "lan", "home",
        "internal", "corp",
    };

    /// <summary>
    /// Second-level labels of country domains (<c>example.co.uk</c>): the label before them is the registered name.
    /// Not <c>nic</c>: <c>nic.de</c>, <c>nic.fr</c>, <c>nic.cz</c>, … are the registries' own domains, and the
    /// label before them (<c>zrh2.nic.ch</c>) is one of their hosts, where TLD operators write their sites.
    /// </summary>
    private static readonly HashSet<string> SecondLevels = new(StringComparer.Ordinal)
    {
        "co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gob", "mil", "ltd", "plc", "in",
    };

    private readonly SiteReference _reference = reference;

    /// <summary>The generic method: candidates from every token, best first. Returns a reason when there are none.</summary>
    public string? Read(string text, List<SiteCandidate> candidates)
    {
        var (labels, tokens, labelTexts) = IdentityTokenizer.Tokenize(text);
        var domainLabels = DomainLabels(labelTexts);
        var readable = labels - domainLabels;
        var found = new List<SiteCandidate>();
        var inName = CityNamesInWords(tokens, readable, found);
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (!token.IsLetters || token.Label >= readable || inName[t])
            {
                continue;
            }

            var next = t + 1 < tokens.Count ? tokens[t + 1] : default;
            var digitsAfter = next.Text is not null && !next.IsLetters && next.Label == token.Label && next.Part == token.Part;
            // Sites are written early: the first label, and its first part, weigh a little more.
            var position = (token.Label == 0 ? 0.05 : 0) + (token.Part == 0 ? 0.02 : 0);
            if (StopWords.Contains(token.Text))
            {
                continue;
            }


            // A code followed by a node number (fra12, ams1b, dal04), or a whole part of a multi-part label
            // (edge-lhr-02, gpdns-ams), or a whole label beside others (s1.ams, p03.lhr.eroot).
            if (token.Text.Length == 3)
            {
                var shape = digitsAfter && token.Run == 0 ? ("iata-digits", 0.6)
                    : token.WholePart && token.PartsInLabel > 1 && OnlyFillerBefore(tokens, t) ? ("iata-part", 0.45)
                    : token.WholeLabel && labels > 1 ? ("iata-label", 0.4)
                    : digitsAfter ? ("iata-digits", 0.45)
                    : (null, 0.0);
                if (shape.Item1 is { } name)
                {
                    AddGeneric(found, _reference.ThreeLetter(token.Text), name, shape.Item2 + position, token.Text, $"a three-letter token in the shape {Describe(name)}");
                }
            }

            // A code behind a DNS word in one run, followed by a node number: dnssyd03, nsfra2, resams1.
            if (digitsAfter && token.Run == 0 && token.Text.Length is >= 5 and <= 7 && StopWords.Contains(token.Text[..^3]))
            {
                AddGeneric(found, _reference.ThreeLetter(token.Text[^3..]), "word-iata-digits", 0.55 + position, token.Text, $"'{token.Text[..^3]}' + a three-letter code followed by a node number");
            }

            // A UN/LOCODE written joined, country first or last: usqas1, jptyo, amsnl.
            // A whole word that is a city's name (delhi1) is read as the name, not as a LOCODE.
            if (token.Text.Length == 5 && (digitsAfter || token.WholePart) && !_reference.IsPlaceName(token.Text))
            {
                var score = (digitsAfter ? 0.55 : 0.45) + position;
                if (_reference.Locodes.IsCountry(token.Text.AsSpan(0, 2)) && _reference.Locode(token.Text[..2], token.Text[2..]) is { } joined)
                {
                    AddGeneric(found, [joined], "locode-joined", score, token.Text, "a UN/LOCODE written joined, country first");
                }

                if (_reference.Locodes.IsCountry(token.Text.AsSpan(3, 2)) && _reference.Locode(token.Text[3..], token.Text[..3]) is { } reversed)
                {
                    AddGeneric(found, [reversed], "locode-joined", score - 0.1, token.Text, "a UN/LOCODE written joined, country last");
                }
            }

            // A UN/LOCODE written separated, either order: de-fra, fra-de (two whole parts of one label).
            if (token.WholePart && next.Text is not null && next.Label == token.Label && next.Part == token.Part + 1)
            {
                var nextWhole = next.WholePart || (next.Run == 0 && next.Text.Length == 3);
                if (token.Text.Length == 2 && next.Text.Length == 3 && nextWhole && _reference.Locodes.IsCountry(token.Text) &&
                    _reference.Locode(token.Text, next.Text) is { } separated)
                {
                    AddGeneric(found, [separated], "locode-separated", 0.65 + position, $"{token.Text}-{next.Text}", "a UN/LOCODE written separated, country first");
                }
                else if (token.Text.Length == 3 && next.Text.Length == 2 && next.IsLetters && next.WholePart && _reference.Locodes.IsCountry(next.Text) &&
                         _reference.Locode(next.Text, token.Text) is { } separatedReversed)
                {
                    AddGeneric(found, [separatedReversed], "locode-separated", 0.55 + position, $"{token.Text}-{next.Text}", "a UN/LOCODE written separated, country last");
                }
            }

            // A city's name: frankfurt1, dns-london-2.
            if (token.Text.Length >= SiteReference.MinCityNameLength + 1 && (token.WholePart || digitsAfter))
            {
                AddGeneric(found, _reference.City(token.Text), "city-name", 0.45 + position, token.Text, "a city's name");
            }
        }

        candidates.AddRange(found
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Place.Code, StringComparer.Ordinal)
            .DistinctBy(c => (c.Place.Code, c.Place.Country, c.Place.Table)));
        return candidates.Count == 0 ? "no token names a known place" : null;
    }

    /// <summary>
    /// A city's name written in words, one word per part of a label (<c>los-angeles-1</c>, <c>san_jose</c>,
    /// <c>rio-de-janeiro</c>; the last word may carry the node number, <c>new-york3</c>): the words are read
    /// joined against the city names, the longest run of two to four words that names a city wins, and its
    /// words are marked so that none is read on its own (<c>los</c> is not Lagos here, <c>san</c> not San Diego).
    /// </summary>
    private bool[] CityNamesInWords(List<IdentityToken> tokens, int readable, List<SiteCandidate> found)
    {
        var inName = new bool[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            var first = tokens[t];
            if (!first.IsLetters || !first.WholePart || first.Label >= readable)
            {
                continue;
            }

            var joined = first.Text;
            var (end, places) = (-1, (IReadOnlyList<SitePlace>)[]);
            for (var u = t + 1; u < tokens.Count && u - t < 4; u++)
            {
                var word = tokens[u];
                var previous = tokens[u - 1];
                if (word.Label != first.Label || word.Part != previous.Part + 1 || !previous.WholePart || !word.IsLetters ||
                    !(word.WholePart || (word.Run == 0 && u + 1 < tokens.Count && !tokens[u + 1].IsLetters && tokens[u + 1].Part == word.Part)))
                {
                    break;
                }

                joined += word.Text;
                if (joined.Length > SiteReference.MinCityNameLength && _reference.City(joined) is { Count: > 0 } named)
                {
                    (end, places) = (u, named);
                }
            }

            if (end < 0)
            {
                continue;
            }

            var text = string.Concat(tokens.Skip(t).Take(end - t + 1).Select(w => w.Text));
            var position = (first.Label == 0 ? 0.05 : 0) + (first.Part == 0 ? 0.02 : 0);
            AddGeneric(found, places, "city-words", 0.5 + position, text, "a city's name written in words");
            for (var w = t; w <= end; w++)
            {
                inName[w] = true;
            }

            t = end;
        }

        return inName;
    }

    /// <summary>
    /// True when every letter run before token <paramref name="t"/> in its label is a DNS word, a single
    /// letter or itself code-shaped (three letters): <c>edge-lhr-02</c>, <c>xqz-lhr</c>, but not the
    /// <c>cac</c> of <c>austx-dns-cac-305</c>, where a word names the place and <c>cac</c> a role.
    /// </summary>
    private static bool OnlyFillerBefore(List<IdentityToken> tokens, int t)
    {
        var token = tokens[t];
        for (var i = t - 1; i >= 0 && tokens[i].Label == token.Label; i--)
        {
            var before = tokens[i];
            if (before.IsLetters && before.Text.Length is not (1 or 3) && !StopWords.Contains(before.Text))
            {
                return false;
            }
        }

        return true;
    }

    private static void AddGeneric(List<SiteCandidate> found, IReadOnlyList<SitePlace> places, string method, double score, string token, string shape)
    {
        foreach (var place in places)
        {
            if (place.Table == "airport without scheduled service")
            {
                // Only an operator's convention reads these: as a stray token they are too often chance.
                continue;
            }

            found.Add(new SiteCandidate(
                place,
                score - place.Table switch { "closed airport" => 0.02, "airport without scheduled service" => 0.1, _ => 0 },
                $"generic:{method}",
                token,
                score - (place.Table == "airport without scheduled service" ? 0.1 : 0) >= GenericThreshold ? SiteConfidence.Low : SiteConfidence.Unknown,
                $"generic: '{token}' is {shape} → {place.Describe()}"));
        }
    }

    private static string Describe(string shape) => shape switch
    {
        "iata-digits" => "<code><node number>",
        "iata-part" => "of a whole part of a hyphenated label",
        _ => "of a whole label",
    };

    /// <summary>How many labels at the end are the domain a host name is registered under (never read as places).</summary>
    private static int DomainLabels(List<string> labels)
    {
        if (labels.Count < 2)
        {
            return 0;
        }

        var tld = labels[^1];
        var isCountry = tld.Length == 2 && tld.All(char.IsAsciiLetter);
        if (!isCountry && !GenericTlds.Contains(tld))
        {
            return 0;
        }

        var domain = labels.Count >= 3 && isCountry && SecondLevels.Contains(labels[^2]) ? 3 : 2;
        return Math.Min(domain, labels.Count - 1);
    }
}
