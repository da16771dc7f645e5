using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Turns node identities — the EDNS NSID (RFC 5001) and the CHAOS TXT <c>id.server</c> and
/// <c>hostname.bind</c> answers (RFC 4892) — into <see cref="Site"/>s, by trying <see cref="SiteRule"/>s in
/// order (first match wins) and looking the captured code up in an <see cref="AirportTable"/>.
/// Identity strings come from the network and may be hostile: matching never throws on any text, a
/// rule that times out counts as not matching, and text longer than <see cref="MaxTextLength"/> is not
/// matched at all (real identities are host names, at most 253 characters). Results are cached per
/// distinct identity, so resolving millions of rows costs one match per distinct identity.
/// Safe to use from several threads.
/// </summary>
public sealed class SiteResolver
{
    /// <summary>Identity text longer than this is never matched, and resolves to an unparsed site.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>
    /// Cached results per cache; past this, results are computed without being kept. With texts of at
    /// most <see cref="MaxTextLength"/> characters, a full cache stays in the hundreds of megabytes at worst.
    /// </summary>
    private const int CacheCapacity = 100_000;

    private static readonly IdentitySource[] Sources = [IdentitySource.Any, IdentitySource.Nsid, IdentitySource.IdServer, IdentitySource.HostnameBind];

    private readonly AirportTable _airports;
    private readonly Dictionary<IdentitySource, CompiledRule[]> _rulesBySource;
    private readonly ConcurrentDictionary<(string Text, IdentitySource Source), Site> _textCache = new();
    private readonly ConcurrentDictionary<ObservedIdentity, Site> _identityCache = new();

    /// <summary>Creates a resolver.</summary>
    /// <param name="rules">The rules, tried in order; see <see cref="DefaultRules"/>.</param>
    /// <param name="airports">The table codes are looked up in, usually <see cref="AirportTable.Default"/>.</param>
    /// <exception cref="ArgumentException">A rule is null, unnamed, or its pattern is invalid or has no <c>code</c> group.</exception>
    public SiteResolver(IReadOnlyList<SiteRule> rules, AirportTable airports)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(airports);
        _airports = airports;
        var compiled = new List<CompiledRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? throw new ArgumentException($"Rule {i.ToString(CultureInfo.InvariantCulture)} is null.", nameof(rules));
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                throw new ArgumentException($"Rule {i.ToString(CultureInfo.InvariantCulture)} has no name.", nameof(rules));
            }

            if (!Enum.IsDefined(rule.Kind) || !Enum.IsDefined(rule.Source))
            {
                throw new ArgumentException($"Rule '{rule.Name}' has an undefined kind or source.", nameof(rules));
            }

            if (!SiteRule.TryCompile(rule.Pattern ?? string.Empty, out var regex, out var problem))
            {
                throw new ArgumentException($"Rule '{rule.Name}': {problem}.", nameof(rules));
            }

            compiled.Add(new CompiledRule(rule, regex, regex.GetGroupNames().Contains(SiteRule.CountryGroup, StringComparer.Ordinal)));
        }

        // IdentitySource.Any as the caller's source means "method unknown": every rule applies.
        _rulesBySource = Sources.ToDictionary(
            source => source,
            source => compiled.Where(r => source == IdentitySource.Any || r.Rule.Source == IdentitySource.Any || r.Rule.Source == source).ToArray());
        Rules = [.. rules];
    }

    /// <summary>
    /// The built-in rules, the same as <c>probes/sites.yaml</c>: Cloudflare's bare IATA code, PCH / Quad9
    /// <c>res200.vie.rrdns.pch.net</c>, Google Public DNS <c>gpdns-bud</c>, K-root <c>ns1.nl-ams.k.ripe.net</c>,
    /// RIPE Atlas anchors, L-root <c>aa.ar-bue.l.root</c>, F-root <c>ams1b.f.root-servers.org</c>,
    /// I-root <c>s1.ams</c>, then two generic rules (<c>fra12</c>; a known code anywhere, as in
    /// <c>edge-lhr-02.example.net</c>) that accept only codes in the airport table.
    /// </summary>
    public static IReadOnlyList<SiteRule> DefaultRules { get; } =
    [
        new("cloudflare-iata", @"^(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Any),
        new("pch-rrdns", @"^res\d*\.q?(?<code>[a-z]{3})\d*\.rrdns\.pch\.net$", SiteCodeKind.Iata, IdentitySource.Any),
        new("google-public-dns", @"^gpdns-(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Nsid),
        new("k-root", @"^ns\d*\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.k\.ripe\.net$", SiteCodeKind.Locode, IdentitySource.Any),
        new("ripe-atlas-anchor", @"^(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})-as\d+(?:-\d+)?\.anchors\.atlas\.ripe\.net$", SiteCodeKind.Locode, IdentitySource.Any),
        new("l-root", @"^[a-z0-9]+\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.l\.root$", SiteCodeKind.Locode, IdentitySource.Any),
        new("f-root", @"^(?<code>[a-z]{3})\d+[a-z]?\.f\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("i-root", @"^s\d+\.(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Any),
        new("iata-digits", @"^(?<code>[a-z]{3})\d+$", SiteCodeKind.Iata, IdentitySource.Any) { RequireKnown = true },
        new("iata-token", @"(?<![a-z])(?!(?:com|net|org|edu|gov|int|www|dns|res|pop|cdn|srv)(?![a-z]))(?<code>[a-z]{3})(?![a-z])", SiteCodeKind.Iata, IdentitySource.Any) { RequireKnown = true },
    ];

    /// <summary>The rules, in the order they are tried.</summary>
    public IReadOnlyList<SiteRule> Rules { get; }

    /// <summary>A resolver with <see cref="DefaultRules"/> and <see cref="AirportTable.Default"/>.</summary>
    public static SiteResolver CreateDefault() => new(DefaultRules, AirportTable.Default);

    /// <summary>
    /// The site of an observed identity: NSID first, then <c>id.server</c>, then <c>hostname.bind</c>, each
    /// against the rules for any method or for that one; the first parsed site wins. When none parses,
    /// an unparsed site whose code is the escaped text (<see cref="IdentityValue.Text"/>) of the first
    /// method that answered, in the same order; an empty identity gives an unparsed site with an empty code.
    /// </summary>
    /// <param name="identity">The identity.</param>
    public Site Resolve(ObservedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (_identityCache.TryGetValue(identity, out var cached))
        {
            return cached;
        }

        var site = ResolveUncached(identity);
        if (_identityCache.Count < CacheCapacity && IsCacheable(identity.Nsid) && IsCacheable(identity.IdServer) && IsCacheable(identity.HostnameBind))
        {
            _identityCache.TryAdd(identity, site);
        }

        return site;
    }

    /// <summary>
    /// The site one identity string names, or an unparsed site whose code is <paramref name="text"/> as given.
    /// </summary>
    /// <param name="text">The identity text, e.g. <see cref="IdentityValue.Text"/>.</param>
    /// <param name="source">
    /// The method that gave it: rules for any method and for this one apply. <see cref="IdentitySource.Any"/>
    /// means unknown, and every rule applies.
    /// </param>
    public Site Resolve(string text, IdentitySource source = IdentitySource.Any)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_rulesBySource.TryGetValue(source, out var rules))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "Not an identity source.");
        }

        if (text.Length > MaxTextLength)
        {
            // Not matched, so cheap; and not cached, so hostile long identities cannot fill memory.
            return Site.Unparsed(text);
        }

        var key = (text, source);
        if (_textCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var site = Match(rules, text) ?? Site.Unparsed(text);
        if (_textCache.Count < CacheCapacity)
        {
            _textCache.TryAdd(key, site);
        }

        return site;
    }

    private static bool IsCacheable(IdentityValue? value) => value is null || value.Text.Length <= MaxTextLength;

    private Site ResolveUncached(ObservedIdentity identity)
    {
        Site? first = null;
        foreach (var (value, source) in new[] { (identity.Nsid, IdentitySource.Nsid), (identity.IdServer, IdentitySource.IdServer), (identity.HostnameBind, IdentitySource.HostnameBind) })
        {
            if (value is null)
            {
                continue;
            }

            var site = Resolve(value.Text, source);
            if (site.Parsed)
            {
                return site;
            }

            first ??= site;
        }

        return first ?? Site.Unparsed(string.Empty);
    }

    private Site? Match(CompiledRule[] rules, string text)
    {
        foreach (var rule in rules)
        {
            try
            {
                for (var match = rule.Regex.Match(text); match.Success; match = match.NextMatch())
                {
                    if (Build(rule, match) is { } site)
                    {
                        return site;
                    }

                    if (!rule.Rule.RequireKnown)
                    {
                        break;
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

    private Site? Build(CompiledRule rule, Match match)
    {
        var codeGroup = match.Groups[SiteRule.CodeGroup];
        if (!codeGroup.Success || !IsCode(codeGroup.ValueSpan))
        {
            return null;
        }

        var code = codeGroup.Value.ToUpperInvariant();
        string? country = null;
        if (rule.Rule.Kind == SiteCodeKind.Locode && rule.HasCountry)
        {
            var countryGroup = match.Groups[SiteRule.CountryGroup];
            if (countryGroup.Success && countryGroup.Length == 2 && IsCode(countryGroup.ValueSpan))
            {
                country = countryGroup.Value.ToUpperInvariant();
            }
        }

        var entry = _airports.Find(code, country);
        if (entry is not null)
        {
            return Site.At(entry);
        }

        return rule.Rule.RequireKnown ? null : new Site(code, null, country, null, null, Parsed: true);
    }

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

    private sealed record CompiledRule(SiteRule Rule, Regex Regex, bool HasCountry);
}
