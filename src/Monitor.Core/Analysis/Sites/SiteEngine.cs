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

    private readonly SiteReference _reference;
    private readonly GenericReader _generic;
    private readonly CompiledRule[] _rules;
    private readonly HashSet<string> _overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Text, IdentitySource Source, string Provider), SiteReading> _cache = new();

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
        _generic = new GenericReader(_reference);
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
        var engine = new SiteEngine([.. overrides, .. OperatorConventions.Rules.Where(r => !builtIn.Contains(r.Name))], SiteReference.Default);

        // The user's own rule file is their word on where their nodes are: physics may contradict it (the
        // analysis' physics check warns), but does not overrule it.
        engine._overrides.UnionWith(builtIn);
        return engine;
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

        return physics is { IsValid: true } ? SiteDecision.Decide(reading, physics, _overrides) : reading.Plain;
    }

    private SiteReading Read(string text, IdentitySource source, string? provider)
    {
        var candidates = new List<SiteCandidate>();
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
            reason = _generic.Read(text, candidates);
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
        else if (text.Length > 0 && !candidates.Exists(c => c.Confidence >= SiteConfidence.Medium && c.Place.HasCoordinates) && _reference.Nodes.FindSameSite(text) is { } same)
        {
            // Not listed itself, but a sibling of listed nodes of one site (only the node number differs): the
            // list's site stands where no convention names a place, and where one names only a code without a
            // position (a UN/LOCODE UNECE gives no coordinates for, as US MNZ, Manassas).
            candidates.Insert(0, FromNodeList(same.Site, $"'{text.TrimEnd('.')}' has the shape '{same.Shape}' of listed nodes of one site, and") with { Confidence = SiteConfidence.Medium });
            reason = null;
        }

        var reading = new SiteReading(text, [.. candidates], reason ?? "no token names a known place");
        reading.Plain = SiteDecision.Decide(reading, null, _overrides);
        return reading;
    }

    /// <summary>Tries the conventions; adds the first match's candidates. Returns a reason when a convention matched but names nothing.</summary>
    private string? MatchConvention(string text, IdentitySource source, string? provider, List<SiteCandidate> candidates)
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
                            candidates.Add(new SiteCandidate(
                                new SitePlace(upper, null, country, null, null, "none"),
                                0,
                                rule.Rule.Name,
                                code.Value,
                                SiteConfidence.Low,
                                $"{(OperatorConventions.IsBuiltIn(rule.Rule.Name) ? "operator convention" : "site rule")} '{rule.Rule.Name}': token '{code.Value}' is not in the reference tables; a site without a place"));
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

    private ConventionOutcome AddConventionCandidates(SiteRule rule, string code, string? country, string? provider, List<SiteCandidate> candidates)
    {
        var lower = code.ToLowerInvariant();
        var isOf = OperatorConventions.IsOf(rule.Name, provider);
        var builtIn = OperatorConventions.IsBuiltIn(rule.Name);

        // A bare code or a short shape that other operators could also write counts less without its provider.
        var weakShape = rule.Name is "cloudflare-iata" or "cloudflare-nsid" or "opendns" or "i-root" or "b-root" or "l-root-short" or "m-root" or "quad9-nsid";
        if (weakShape && isOf != true && GenericReader.StopWords.Contains(lower))
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

                candidates.Add(new SiteCandidate(
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
            candidates.Add(new SiteCandidate(
                place,
                1.0 - (i * 0.01),
                rule.Name,
                code,
                place.HasCoordinates || confidence == SiteConfidence.Low ? confidence : SiteConfidence.Medium,
                ownName ? $"{how}: '{lower}' is the operator's own site name, not in its node list; read as a code → {place.Describe()}" : $"{how}: {kind} → {place.Describe()}"));
        }

        return places.Count > 0 ? ConventionOutcome.Added : requireKnown && !rule.RequireKnown ? ConventionOutcome.Skip : ConventionOutcome.NotFound;
    }

    private static SiteCandidate FromNodeList(NodeSite site, string what) =>
        new(
            new SitePlace(site.Code.Length > 0 ? site.Code : site.Town.ToUpperInvariant(), site.Town, site.Country, site.Latitude, site.Longitude, "node list"),
            2,
            "node-list",
            site.Identifier,
            SiteConfidence.High,
            $"{what} is in root-servers.org's node list of the {site.Operator.ToUpperInvariant()}-root (snapshot {NodeSiteTable.SnapshotDate}): {site.Town}, {site.Country}");

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
}
