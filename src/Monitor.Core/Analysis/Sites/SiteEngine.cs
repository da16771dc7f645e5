using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Turns a node identity — the EDNS NSID (RFC 5001), the CHAOS TXT <c>id.server</c> or <c>hostname.bind</c>
/// answer (RFC 4892) — into a site with a place, a confidence and the evidence for it.
/// <list type="number">
/// <item>Operator conventions (<see cref="SiteRule"/>s: a rule file's first, then <see cref="OperatorConventions.Rules"/>)
/// say where an operator puts its location token; the first that matches decides, and its token is read
/// against the reference tables. A convention of the target's own provider, or one whose shape is unique to
/// its operator, gives high confidence.</item>
/// <item>Otherwise the identity is tokenised (labels, parts, letter and digit runs) and every token yields
/// candidates: IATA airport, metropolitan or closed-airport codes, UN/LOCODEs written joined
/// (<c>usqas</c>) or separated (<c>de-fra</c>, <c>fra-de</c>), and city names. Each is scored by the shape it
/// sits in (a code followed by a node number, a whole part of a hyphenated label, …) and its position; the
/// domain a host name ends in and common DNS words are never read as places. Such a reading is low
/// confidence unless physics supports it.</item>
/// <item>Physics: with the vantage point's position and the minimum RTT (<see cref="PhysicsContext"/>), a
/// candidate farther than 200 km/ms × RTT / 2 is rejected and the next one tried; a generic reading within a
/// tight reach (≤ 2,000 km) becomes medium confidence.</item>
/// </list>
/// Never invents a place: a token that merely spells a code, with no convention and no physics behind it,
/// stays unknown or low. Hostile text is safe: nothing throws, text over <see cref="MaxTextLength"/> is not
/// read, only the first 255 characters are tokenised, and rule patterns run with a timeout. Readings are
/// cached per distinct (identity, method, provider); physics is applied to the cached reading on each call.
/// Safe to use from several threads.
/// </summary>
public sealed class SiteEngine
{
    /// <summary>Identity text longer than this is not read at all, and stays unknown.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>A reach at most this large (RTT ≤ 19 ms) makes a physics-checked generic reading medium confidence.</summary>
    public const double SupportingReachKm = 2000;

    private const int CacheCapacity = 100_000;

    /// <summary>Generic readings scoring below this stay unknown.</summary>
    private const double GenericThreshold = 0.4;

    /// <summary>
    /// Words of DNS host names that are also IATA codes, never read as places by the generic method or by
    /// a bare-code convention of another provider (<c>res</c> is Resistencia, <c>pop</c> Puerto Plata).
    /// </summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
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

    /// <summary>Second-level labels of country domains (<c>example.co.uk</c>): the label before them is the registered name.</summary>
    private static readonly HashSet<string> SecondLevels = new(StringComparer.Ordinal)
    {
        "co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gob", "mil", "nic", "ltd", "plc", "in",
    };

    private readonly SiteReference _reference;
    private readonly CompiledRule[] _rules;
    private readonly ConcurrentDictionary<(string Text, IdentitySource Source, string Provider), Reading> _cache = new();

    /// <summary>Creates an engine.</summary>
    /// <param name="rules">
    /// The conventions, tried in order before the generic method; usually a rule file's rules followed by
    /// <see cref="OperatorConventions.Rules"/> (see <see cref="WithOverrides"/>).
    /// </param>
    /// <param name="reference">The tables, usually <see cref="SiteReference.Default"/>.</param>
    /// <exception cref="ArgumentException">A rule is null, unnamed, or its pattern is invalid or has no <c>code</c> group.</exception>
    public SiteEngine(IReadOnlyList<SiteRule> rules, SiteReference reference)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _reference = reference ?? throw new ArgumentNullException(nameof(reference));
        _rules = new CompiledRule[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _rules[i] = CompiledRule.Compile(rules[i], i) is { } compiled ? compiled : throw new ArgumentException(CompiledRule.Problem(rules[i], i), nameof(rules));
        }

        Rules = [.. rules];
    }

    /// <summary>The conventions, in the order they are tried.</summary>
    public IReadOnlyList<SiteRule> Rules { get; }

    /// <summary>An engine with the built-in conventions and the embedded tables.</summary>
    public static SiteEngine CreateDefault() => new(OperatorConventions.Rules, SiteReference.Default);

    /// <summary>
    /// An engine whose conventions are <paramref name="overrides"/> (a rule file, tried first) and then the
    /// built-in ones, over the embedded tables.
    /// </summary>
    public static SiteEngine WithOverrides(IReadOnlyList<SiteRule> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var builtIn = new HashSet<string>(overrides.Select(r => r.Name), StringComparer.Ordinal);
        return new SiteEngine([.. overrides, .. OperatorConventions.Rules.Where(r => !builtIn.Contains(r.Name))], SiteReference.Default);
    }

    /// <summary>
    /// The site of an observed identity: NSID, <c>id.server</c> and <c>hostname.bind</c> are each read, and the
    /// most confident reading wins (NSID first on a tie). When none names a site, an unknown whose code is the
    /// escaped text (<see cref="IdentityValue.Text"/>) of the first method that answered, in the same order.
    /// </summary>
    /// <param name="identity">The identity.</param>
    /// <param name="provider">The target's provider, when the configuration names it.</param>
    /// <param name="physics">The vantage point and minimum RTT, when known.</param>
    public SiteIdentification Identify(ObservedIdentity identity, string? provider = null, PhysicsContext? physics = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        SiteIdentification? best = null;
        SiteIdentification? first = null;
        foreach (var (value, source) in new[] { (identity.Nsid, IdentitySource.Nsid), (identity.IdServer, IdentitySource.IdServer), (identity.HostnameBind, IdentitySource.HostnameBind) })
        {
            if (value is null)
            {
                continue;
            }

            var result = Identify(value.Text, source, provider, physics);
            first ??= result;
            if (result.Identified && (best is null || result.Confidence > best.Confidence))
            {
                best = result;
            }
        }

        return best ?? first ?? SiteIdentification.Unknown(string.Empty, "no identity was given");
    }

    /// <summary>What one identity string names.</summary>
    /// <param name="text">The identity text, e.g. <see cref="IdentityValue.Text"/>.</param>
    /// <param name="source">The method that gave it; <see cref="IdentitySource.Any"/> when not known (every rule applies).</param>
    /// <param name="provider">The target's provider, when the configuration names it.</param>
    /// <param name="physics">The vantage point and minimum RTT, when known; ignored when not <see cref="PhysicsContext.IsValid"/>.</param>
    public SiteIdentification Identify(string text, IdentitySource source = IdentitySource.Any, string? provider = null, PhysicsContext? physics = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "Not an identity source.");
        }

        if (text.Length > MaxTextLength)
        {
            // Not read, so cheap; not cached, so hostile long identities cannot fill memory.
            return SiteIdentification.Unknown(text, $"longer than {MaxTextLength.ToString(CultureInfo.InvariantCulture)} characters; not read");
        }

        var providerKey = provider is null ? string.Empty : OperatorConventions.Key(provider);
        var key = (text, source, providerKey);
        if (!_cache.TryGetValue(key, out var reading))
        {
            reading = Read(text, source, provider);
            if (_cache.Count < CacheCapacity)
            {
                reading = _cache.GetOrAdd(key, reading);
            }
        }

        return physics is { IsValid: true } ? Decide(reading, physics) : reading.Plain;
    }

    private Reading Read(string text, IdentitySource source, string? provider)
    {
        var candidates = new List<Candidate>();
        string? reason = null;
        if (text.Length == 0)
        {
            reason = "the identity is empty";
        }
        else if (MatchConvention(text, source, provider, candidates) is { } conventionReason)
        {
            reason = conventionReason;
        }
        else if (candidates.Count == 0)
        {
            reason = ReadGeneric(text, candidates);
        }

        // The operator's own node list: where a convention's reading agrees with it (within 150 km) the
        // convention's code stands and the list confirms it; otherwise the list's site comes first.
        if (text.Length > 0 && _reference.Nodes.Find(text) is { } listed)
        {
            var first = candidates.FirstOrDefault(c => c.Confidence >= SiteConfidence.Medium);
            if (first is not null && first.Place.HasCoordinates &&
                PhysicsContext.DistanceKm(first.Place.Latitude!.Value, first.Place.Longitude!.Value, listed.Latitude, listed.Longitude) <= 150)
            {
                candidates[candidates.IndexOf(first)] = first with { Evidence = $"{first.Evidence}; root-servers.org's node list (snapshot {NodeSiteTable.SnapshotDate}) agrees: {listed.Town}, {listed.Country}" };
            }
            else
            {
                candidates.Insert(0, FromNodeList(listed, $"'{text.TrimEnd('.')}'"));
            }

            reason = null;
        }
        else if (text.Length > 0 && !candidates.Exists(c => c.Confidence >= SiteConfidence.Medium) && _reference.Nodes.FindSameSite(text) is { } same)
        {
            // Not listed itself, but a sibling of listed nodes of one site (only the node number differs).
            candidates.Insert(0, FromNodeList(same.Site, $"'{text.TrimEnd('.')}' has the shape '{same.Shape}' of listed nodes of one site, and") with { Confidence = SiteConfidence.Medium });
            reason = null;
        }

        var reading = new Reading(text, [.. candidates], reason ?? "no token names a known place");
        reading.Plain = Decide(reading, null);
        return reading;
    }

    /// <summary>Tries the conventions; adds the first match's candidates. Returns a reason when a convention matched but names nothing.</summary>
    private string? MatchConvention(string text, IdentitySource source, string? provider, List<Candidate> candidates)
    {
        foreach (var rule in _rules)
        {
            if (source != IdentitySource.Any && rule.Rule.Source != IdentitySource.Any && rule.Rule.Source != source)
            {
                continue;
            }

            try
            {
                for (var match = rule.Regex.Match(text); match.Success; match = match.NextMatch())
                {
                    var code = match.Groups[SiteRule.CodeGroup];
                    if (!code.Success || !IsCode(code.ValueSpan))
                    {
                        if (!rule.Rule.RequireKnown)
                        {
                            break;
                        }

                        continue;
                    }

                    if (OperatorConventions.OwnNamesOf(rule.Rule.Name) is { } own)
                    {
                        if (_reference.Nodes.Find(own.NodeList, code.Value) is { } named)
                        {
                            candidates.Add(FromNodeList(named, $"operator convention '{rule.Rule.Name}': site name '{code.Value.ToLowerInvariant()}'"));
                            return null;
                        }

                        if (!own.ReadAsCode)
                        {
                            return $"operator convention '{rule.Rule.Name}': '{code.Value}' is the operator's own site name, not a place, and the node list does not have it";
                        }
                    }

                    var country = rule.HasCountry && match.Groups[SiteRule.CountryGroup] is { Success: true, Length: 2 } c && IsCode(c.ValueSpan) ? LocodeTable.Country(c.Value.ToUpperInvariant()) : null;
                    var outcome = AddConventionCandidates(rule.Rule, code.Value, country, provider, candidates);
                    if (outcome == ConventionOutcome.Skip)
                    {
                        break;
                    }

                    var added = outcome == ConventionOutcome.Added;
                    if (added || !rule.Rule.RequireKnown)
                    {
                        if (!added)
                        {
                            // The operator's format, with a code the tables do not know: a site without a place.
                            var upper = code.Value.ToUpperInvariant();
                            candidates.Add(new Candidate(
                                new SitePlace(upper, null, country, null, null, "none"),
                                0,
                                rule.Rule.Name,
                                code.Value,
                                SiteConfidence.Low,
                                $"operator convention '{rule.Rule.Name}': token '{code.Value}' is not in the reference tables; a site without a place"));
                        }

                        return null;
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological pattern or text: the rule does not match; the next one may.
            }
        }

        return null;
    }

    private ConventionOutcome AddConventionCandidates(SiteRule rule, string code, string? country, string? provider, List<Candidate> candidates)
    {
        var lower = code.ToLowerInvariant();
        var isOf = OperatorConventions.IsOf(rule.Name, provider);
        var builtIn = OperatorConventions.IsBuiltIn(rule.Name);

        // A bare code or a short shape that other operators could also write counts less without its provider.
        var weakShape = rule.Name is "cloudflare-iata" or "cloudflare-nsid" or "opendns" or "i-root" or "b-root" or "l-root-short" or "m-root" or "quad9-nsid";
        if (weakShape && isOf != true && StopWords.Contains(lower))
        {
            return ConventionOutcome.Skip;
        }

        // A shape any operator could write names a site only with a known code, unless it is the provider's own.
        var requireKnown = rule.RequireKnown || (weakShape && isOf != true);

        var ownName = OperatorConventions.OwnNamesOf(rule.Name) is not null;
        var confidence = ownName ? SiteConfidence.Low
            : isOf == false || (weakShape && isOf is null) ? SiteConfidence.Medium
            : SiteConfidence.High;
        var how = builtIn
            ? isOf == true ? $"operator convention '{rule.Name}' of the target's provider" : $"operator convention '{rule.Name}'"
            : $"site rule '{rule.Name}'";
        var places = new List<SitePlace>();
        if (rule.Kind == SiteCodeKind.Locode && country is not null)
        {
            if (_reference.Locode(country, code) is { } locode)
            {
                places.Add(locode);
            }

            places.AddRange(_reference.ThreeLetter(code).Where(p => p.Country == country && !places.Exists(q => q.Code == p.Code && q.HasCoordinates)));
            if (places.Count == 0)
            {
                if (requireKnown)
                {
                    return rule.RequireKnown ? ConventionOutcome.NotFound : ConventionOutcome.Skip;
                }

                candidates.Add(new Candidate(
                    new SitePlace(code.ToUpperInvariant(), null, country, null, null, "none"),
                    0,
                    rule.Name,
                    code,
                    SiteConfidence.Low,
                    $"{how}: UN/LOCODE {country} {code.ToUpperInvariant()} is not in the code list; the country is kept, the place is not guessed"));
                return ConventionOutcome.Added;
            }
        }
        else
        {
            places.AddRange(_reference.ThreeLetter(code));
        }

        for (var i = 0; i < places.Count; i++)
        {
            var place = places[i];
            var kind = rule.Kind == SiteCodeKind.Locode && country is not null ? $"UN/LOCODE {country} {code.ToUpperInvariant()}" : $"'{lower}'";
            candidates.Add(new Candidate(
                place,
                1.0 - (i * 0.01),
                rule.Name,
                code,
                place.HasCoordinates || confidence == SiteConfidence.Low ? confidence : SiteConfidence.Medium,
                ownName ? $"{how}: '{lower}' is the operator's own site name, not in its node list; read as a code → {place.Describe()}" : $"{how}: {kind} → {place.Describe()}"));
        }

        return places.Count > 0 ? ConventionOutcome.Added : requireKnown && !rule.RequireKnown ? ConventionOutcome.Skip : ConventionOutcome.NotFound;
    }

    /// <summary>The generic method: candidates from every token, best first. Returns a reason when there are none.</summary>
    private string? ReadGeneric(string text, List<Candidate> candidates)
    {
        var (labels, tokens, labelTexts) = IdentityTokenizer.Tokenize(text);
        var domainLabels = DomainLabels(labelTexts);
        var readable = labels - domainLabels;
        var found = new List<Candidate>();
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (!token.IsLetters || token.Label >= readable)
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

    private static Candidate FromNodeList(NodeSite site, string what) =>
        new(
            new SitePlace(site.Code.Length > 0 ? site.Code : site.Town.ToUpperInvariant(), site.Town, site.Country, site.Latitude, site.Longitude, "node list"),
            2,
            "node-list",
            site.Identifier,
            SiteConfidence.High,
            $"{what} is in root-servers.org's node list of the {site.Operator.ToUpperInvariant()}-root (snapshot {NodeSiteTable.SnapshotDate}): {site.Town}, {site.Country}");

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

    private static void AddGeneric(List<Candidate> found, IReadOnlyList<SitePlace> places, string method, double score, string token, string shape)
    {
        foreach (var place in places)
        {
            if (place.Table == "airport without scheduled service")
            {
                // Only an operator's convention reads these: as a stray token they are too often chance.
                continue;
            }

            found.Add(new Candidate(
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

    /// <summary>Applies physics to a reading's candidates and picks the site.</summary>
    private static SiteIdentification Decide(Reading reading, PhysicsContext? physics)
    {
        var evidence = new List<string>();
        Candidate? chosen = null;
        string? support = null;
        var rejected = 0;
        foreach (var candidate in reading.Candidates)
        {
            if (candidate.Confidence == SiteConfidence.Unknown)
            {
                continue;
            }

            if (physics is not null && candidate.Place.HasCoordinates)
            {
                var distance = physics.DistanceKm(candidate.Place.Latitude!.Value, candidate.Place.Longitude!.Value);
                if (distance > physics.ReachKm)
                {
                    rejected++;
                    evidence.Add(Rejection(candidate, distance, physics));
                    continue;
                }

                if (physics.ReachKm <= SupportingReachKm)
                {
                    support = string.Create(CultureInfo.InvariantCulture, $"physics supports it: {distance:0} km away, within {physics.ReachKm:0} km");
                }
            }

            chosen = candidate;
            break;
        }

        if (chosen is null)
        {
            var why = rejected > 0
                ? $"physics rejected every candidate ({rejected.ToString(CultureInfo.InvariantCulture)}); the node is not where its name says, or the path intercepts"
                : reading.Candidates.Length > 0 ? "no token is in a shape sites are written in" : reading.Reason;
            return SiteIdentification.Unknown(reading.Text, why, evidence);
        }

        var confidence = chosen.Confidence;
        var generic = chosen.Rule.StartsWith("generic:", StringComparison.Ordinal);
        if (generic && support is not null && confidence == SiteConfidence.Low)
        {
            confidence = SiteConfidence.Medium;
        }

        var decided = new List<string> { chosen.Evidence };
        if (support is not null)
        {
            decided.Add(support);
        }
        else if (generic)
        {
            decided.Add("no operator convention and no physics support: low confidence");
        }

        // A different place that scored the same is an ambiguity the engine does not settle by itself,
        // unless physics rules it out.
        if (generic)
        {
            foreach (var rival in reading.Candidates.Where(c => !ReferenceEquals(c, chosen) && c.Confidence != SiteConfidence.Unknown &&
                         Math.Abs(c.Score - chosen.Score) < 1e-9 && (c.Place.Country != chosen.Place.Country || c.Place.City != chosen.Place.City)))
            {
                if (evidence.Exists(e => e.Contains(rival.Place.Describe(), StringComparison.Ordinal)))
                {
                    continue;
                }

                if (physics is not null && rival.Place.HasCoordinates &&
                    physics.DistanceKm(rival.Place.Latitude!.Value, rival.Place.Longitude!.Value) is var far && far > physics.ReachKm)
                {
                    evidence.Add(Rejection(rival, far, physics));
                    continue;
                }

                decided.Add($"as likely: {rival.Place.Describe()}");
                confidence = SiteConfidence.Low;
                break;
            }
        }

        return new SiteIdentification(chosen.Place.ToSite(), confidence, chosen.Rule, new ValueList<string>([.. decided, .. evidence]), null);
    }

    private static string Rejection(Candidate candidate, double distance, PhysicsContext physics) => string.Create(
        CultureInfo.InvariantCulture,
        $"physics rejected {candidate.Place.Describe()} from '{candidate.Token}': {distance:0} km away, farther than {PhysicsContext.FibreKmPerMs:0} km/ms × {physics.MinRttMs:0.###} ms / 2 + {PhysicsContext.SlackKm:0} km = {physics.ReachKm:0} km");

    /// <summary>A code is short and ASCII letters or digits; anything else captured by a loose pattern is not one.</summary>
    private static bool IsCode(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 8)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private enum ConventionOutcome
    {
        Added,
        NotFound,
        Skip,
    }

    private sealed record Candidate(SitePlace Place, double Score, string Rule, string Token, SiteConfidence Confidence, string Evidence);

    private sealed class Reading(string text, Candidate[] candidates, string reason)
    {
        public string Text { get; } = text;

        public Candidate[] Candidates { get; } = candidates;

        public string Reason { get; } = reason;

        public SiteIdentification Plain { get; set; } = null!;
    }

    private sealed record CompiledRule(SiteRule Rule, Regex Regex, bool HasCountry)
    {
        /// <summary>The built-in conventions, compiled to IL once per process (they are tried on every new identity).</summary>
        private static readonly ConcurrentDictionary<SiteRule, CompiledRule> BuiltIn = new(ReferenceEqualityComparer.Instance);

        /// <summary>The compiled rule, or null when <see cref="Problem"/> has something to say.</summary>
        public static CompiledRule? Compile(SiteRule? rule, int index)
        {
            if (Problem(rule, index) is not null)
            {
                return null;
            }

            if (OperatorConventions.Rules.Contains(rule!, ReferenceEqualityComparer.Instance))
            {
                return BuiltIn.GetOrAdd(rule!, r => Make(r, SiteRule.Options | RegexOptions.Compiled)!);
            }

            return Make(rule!, SiteRule.Options);
        }

        private static CompiledRule? Make(SiteRule rule, RegexOptions options) =>
            SiteRule.TryCompile(rule.Pattern, options, out var regex, out _)
                ? new CompiledRule(rule, regex, regex.GetGroupNames().Contains(SiteRule.CountryGroup, StringComparer.Ordinal))
                : null;

        /// <summary>What is wrong with a rule, or null.</summary>
        public static string? Problem(SiteRule? rule, int index)
        {
            var at = index.ToString(CultureInfo.InvariantCulture);
            if (rule is null)
            {
                return $"Rule {at} is null.";
            }

            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                return $"Rule {at} has no name.";
            }

            if (!Enum.IsDefined(rule.Kind) || !Enum.IsDefined(rule.Source))
            {
                return $"Rule '{rule.Name}' has an undefined kind or source.";
            }

            return SiteRule.TryCompile(rule.Pattern ?? string.Empty, out _, out var problem) ? null : $"Rule '{rule.Name}': {problem}.";
        }
    }
}
